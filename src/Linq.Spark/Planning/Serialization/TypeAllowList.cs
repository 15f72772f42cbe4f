using System.Collections;
using System.Reflection;

namespace Linq.Spark.Planning.Serialization;

/// <summary>
/// The types a plan may name when it leaves the process, as it is written and again as it is read: the BCL's
/// primitives, string, decimal, dates, times and Guid, the collections, comparers, tuples and delegates queries are
/// made of, System.Linq's Enumerable and Math; the engine's own types; and every type of the assemblies registered
/// (by default the assemblies that define the query's element types and lambdas). A payload can name no other type:
/// reading one fails with an error naming it, and nothing is instantiated that the list does not allow.
/// </summary>
internal sealed class TypeAllowList
{
    private volatile Dictionary<string, Assembly[]>? _loaded;

    private static readonly HashSet<Type> FrameworkTypes =
    [
        typeof(object), typeof(void), typeof(string), typeof(decimal), typeof(DateOnly), typeof(DateTime), typeof(DateTimeOffset),
        typeof(TimeSpan), typeof(TimeOnly), typeof(Guid), typeof(DayOfWeek), typeof(StringComparison), typeof(MidpointRounding),
        typeof(Math), typeof(MathF), typeof(Convert), typeof(Enumerable), typeof(Nullable<>), typeof(Nullable), typeof(Array),
        typeof(IEnumerable), typeof(IEnumerable<>), typeof(IEnumerator<>), typeof(ICollection<>), typeof(IList<>), typeof(IReadOnlyList<>),
        typeof(IReadOnlyCollection<>), typeof(ISet<>), typeof(IReadOnlySet<>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>),
        typeof(List<>), typeof(HashSet<>), typeof(Dictionary<,>), typeof(KeyValuePair<,>), typeof(ArraySegment<>),
        typeof(IGrouping<,>), typeof(ILookup<,>), typeof(IOrderedEnumerable<>),
        typeof(IEqualityComparer<>), typeof(EqualityComparer<>), typeof(IComparer<>), typeof(Comparer<>), typeof(StringComparer),
        typeof(Index), typeof(Range),
        typeof(ValueTuple), typeof(Tuple), typeof(ValueTuple<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>), typeof(ValueTuple<,,,,>),
        typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>), typeof(ValueTuple<,,,,,,,>),
        typeof(Tuple<>), typeof(Tuple<,>), typeof(Tuple<,,>), typeof(Tuple<,,,>), typeof(Tuple<,,,,>), typeof(Tuple<,,,,,>),
        typeof(Tuple<,,,,,,>), typeof(Tuple<,,,,,,,>),
        .. Enumerable.Range(1, 17).Select(n => typeof(Func<>).Assembly.GetType($"System.Func`{n}")!),
        .. Enumerable.Range(1, 16).Select(n => typeof(Action<>).Assembly.GetType($"System.Action`{n}")!),
    ];

    private readonly HashSet<Assembly> _assemblies;
    private readonly bool _everything;

    /// <param name="registered">Assemblies whose every type is allowed (the application's own).</param>
    public TypeAllowList(IEnumerable<Assembly> registered)
    {
        _assemblies = [typeof(TypeAllowList).Assembly, .. registered];
    }

    private TypeAllowList()
    {
        _assemblies = [];
        _everything = true;
    }

    /// <summary>A list that allows every type: only for walking a plan to find what it uses, never for a payload.</summary>
    public static TypeAllowList Everything { get; } = new();

    /// <summary>The assemblies whose types are allowed as a whole (the engine's and the registered ones).</summary>
    public IReadOnlyCollection<Assembly> Assemblies => _assemblies;

    private static readonly string FrameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;

    /// <summary>Whether an assembly belongs to the .NET runtime itself (its shared framework), whose types are allowed one by one only.</summary>
    public static bool IsFramework(Assembly assembly) =>
        assembly == typeof(object).Assembly
        || (!assembly.IsDynamic && assembly.Location.Length > 0 && string.Equals(Path.GetDirectoryName(assembly.Location), FrameworkDirectory, StringComparison.Ordinal));

    /// <summary>Whether <paramref name="type"/> (with its generic arguments and element types) may appear in a plan.</summary>
    public bool Allows(Type type) => Disallowed(type) is null;

    /// <summary>Throws <see cref="NotSupportedException"/> naming the first part of <paramref name="type"/> the list does not allow.</summary>
    public Type Check(Type type, string where)
    {
        if (Disallowed(type) is { } refused)
        {
            throw new NotSupportedException(
                $"The type {refused.FullName ?? refused.Name} ({where}) is not allowed in a plan that leaves the process. Plans may name the BCL's " +
                "primitives, string, decimal, dates, times, Guid, collections, comparers, tuples, System.Linq and Math, Linq.Spark's own types, " +
                "and the types of the assemblies registered with SparkSession.RegisterAssembly (by default those that define the query's " +
                "element types and lambdas).");
        }

        return type;
    }

    /// <summary>The first part of a type that is not allowed, or null.</summary>
    private Type? Disallowed(Type type)
    {
        if (_everything)
        {
            return null;
        }

        if (type.IsArray || type.IsByRef || type.IsPointer)
        {
            return type.IsPointer ? type : Disallowed(type.GetElementType()!);
        }

        if (type.IsGenericParameter)
        {
            return null;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                if (Disallowed(argument) is { } inner)
                {
                    return inner;
                }
            }

            type = type.GetGenericTypeDefinition();
        }

        return _assemblies.Contains(type.Assembly) || FrameworkTypes.Contains(type) || type.IsPrimitive
            || (type.IsEnum && (FrameworkTypes.Contains(type) || _assemblies.Contains(type.Assembly)))
            ? null
            : type;
    }

    /// <summary>
    /// The loaded assemblies named <paramref name="simpleName"/> that plans may use (allowed or framework), or null.
    /// Kept per list, and worked out again when a name is missing (the process may have loaded it since): a block
    /// decoder asks once per value.
    /// </summary>
    public Assembly[]? LoadedAssemblies(string simpleName)
    {
        if (_loaded is { } known && known.TryGetValue(simpleName, out var found))
        {
            return found;
        }

        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => IsFramework(a) || Assemblies.Contains(a))
            .GroupBy(a => a.GetName().Name ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.ToArray());
        _loaded = loaded;
        return loaded.GetValueOrDefault(simpleName);
    }
}
