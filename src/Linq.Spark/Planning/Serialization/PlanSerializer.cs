using System.Linq.Expressions;
using System.Reflection;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Planning.Serialization;

/// <summary>
/// A job's plan and parameter values in the project's own binary form, for a process that did not plan them: the
/// physical operators with their ids, their lambdas as the funcletized shape, the parameter slots, the settings the
/// plan was made under, and (apart) the slots' values. No type is named, resolved or instantiated outside the
/// allow-list, on either side (see <see cref="TypeAllowList"/>).
/// </summary>
internal static class PlanSerializer
{
    private const int Magic = 0x4C535031; // "LSP1"

    /// <summary>The plan's operators, slots and settings.</summary>
    public static byte[] WritePlan(ExecNode root, PlanContext context, TypeAllowList allow)
    {
        using var stream = new MemoryStream();
        var writer = new PlanWriter(stream, allow);
        writer.Int(Magic);
        Options(writer, context.Options);
        writer.Int(context.Slots.Count);
        foreach (var slot in context.Slots)
        {
            writer.Declare(slot);
        }

        writer.Operator(root);
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>A plan written by <see cref="WritePlan"/>, with new slots and a new plan context.</summary>
    public static (ExecNode Root, PlanContext Context) ReadPlan(byte[] payload, TypeAllowList allow)
    {
        using var stream = new MemoryStream(payload, writable: false);
        var reader = new PlanReader(stream, allow);
        if (reader.Int() != Magic)
        {
            throw PlanReader.Malformed("it is not a Linq.Spark plan");
        }

        var options = Options(reader);
        var slots = Enumerable.Range(0, reader.Int()).Select(_ => reader.Declare()).ToList();
        var context = new PlanContext(slots, options);
        var root = reader.Operator(context);
        return stream.Position == stream.Length ? (root, context) : throw PlanReader.Malformed("bytes follow the plan");
    }

    /// <summary>A job's parameter values, in slot order.</summary>
    public static byte[] WriteValues(IReadOnlyList<object?> values, TypeAllowList allow)
    {
        using var stream = new MemoryStream();
        var writer = new PlanWriter(stream, allow);
        writer.Values(values);
        writer.Flush();
        return stream.ToArray();
    }

    public static object?[] ReadValues(byte[] payload, TypeAllowList allow)
    {
        using var stream = new MemoryStream(payload, writable: false);
        var values = new PlanReader(stream, allow).Values();
        return stream.Position == stream.Length ? values : throw PlanReader.Malformed("bytes follow the values");
    }

    /// <summary>
    /// The assemblies a plan may use by default: those that define its element types (the rows of every operator)
    /// and its lambdas (their parameters' types and the captured values' compiler-made classes), framework excepted.
    /// </summary>
    public static IReadOnlyCollection<Assembly> DefiningAssemblies(ExecNode root, PlanContext context)
    {
        var types = new HashSet<Type>();
        var pending = new Stack<ExecNode>([root]);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            types.Add(node.ElementType);
            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        types.UnionWith(context.Slots.Select(s => s.Type));
        var lambdas = new LambdaTypes(types);
        using (var sink = new MemoryStream())
        {
            // Walking the plan as the writer does finds every lambda; the everything-allowed list is only for this walk.
            var writer = new PlanWriter(sink, TypeAllowList.Everything, lambdas.Record);
            foreach (var slot in context.Slots)
            {
                writer.Declare(slot);
            }

            writer.Operator(root);
        }

        var assemblies = new HashSet<Assembly>();
        foreach (var type in types)
        {
            AddAssemblies(type, assemblies);
        }

        return assemblies;
    }

    private static void AddAssemblies(Type type, HashSet<Assembly> assemblies)
    {
        if (type.HasElementType)
        {
            AddAssemblies(type.GetElementType()!, assemblies);
            return;
        }

        if (!TypeAllowList.IsFramework(type.Assembly))
        {
            assemblies.Add(type.Assembly);
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            AddAssemblies(argument, assemblies);
        }
    }

    private static void Options(PlanWriter writer, SparkOptions options)
    {
        writer.Int(options.ExecutorThreads);
        writer.Int(options.DefaultParallelism);
        writer.Int(options.ShufflePartitions);
        writer.Int(options.MaxTaskFailures);
        writer.Long(options.AutoBroadcastThresholdRows);
        writer.Bool(options.Vectorize);
        writer.Int(options.DisabledRules.Count);
        foreach (var rule in options.DisabledRules)
        {
            writer.String(rule);
        }
    }

    private static SparkOptions Options(PlanReader reader) => new()
    {
        ExecutorThreads = reader.Int(),
        DefaultParallelism = reader.Int(),
        ShufflePartitions = reader.Int(),
        MaxTaskFailures = reader.Int(),
        AutoBroadcastThresholdRows = reader.Long(),
        Vectorize = reader.Bool(),
        DisabledRules = Enumerable.Range(0, reader.Int()).Select(_ => reader.String()).ToHashSet(),
    };

    /// <summary>Collects the types of every parameter a walk of the plan declares (lambda parameters and sequential inputs).</summary>
    private sealed class LambdaTypes(HashSet<Type> types)
    {
        public void Record(ParameterExpression parameter) => types.Add(parameter.Type);
    }
}
