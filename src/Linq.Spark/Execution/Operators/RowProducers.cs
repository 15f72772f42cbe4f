using System.Linq.Expressions;
using System.Runtime.ExceptionServices;
using Linq.Spark.Buffers;
using Linq.Spark.Compilation;
using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>Skip/Take by global position over the one ordered partition it reads (or over all result partitions, on the driver).</summary>
internal sealed class GlobalLimitProducer(GlobalLimitExec node, PlanRuntime runtime) : IPartitionProducer, IDriverFinisher
{
    private readonly Lazy<Func<object?[], Func<int>>> _skip = new(() => SlotBinder.Compile<Func<int>>(Expression.Lambda(node.Skip ?? Expression.Constant(0)), node.Plan.Slots));
    private readonly Lazy<Func<object?[], Func<int>>> _take = new(() => SlotBinder.Compile<Func<int>>(Expression.Lambda(node.Take ?? Expression.Constant(int.MaxValue)), node.Plan.Slots));

    public PartitionData Produce(TaskContext context, int partition)
    {
        var cut = Cut(runtime.ProduceLazily(node.Child, context, partition), context.Parameters);
        if (cut.Failure is { } failure)
        {
            // The rows after the skip, then the error: a reader that needs no more (a limit above) never raises it.
            throw new PartialOutputException(cut with { Failure = null }, failure, node);
        }

        return cut;
    }

    /// <summary>The rows of the result partitions after Skip/Take; an error after them comes back with them, for the action to raise only if it reads that far.</summary>
    public PartitionData Finish(IReadOnlyList<PartitionData> partials, TaskContext driver) =>
        Cut(PartitionConcat.Concat(node.ElementType, partials), driver.Parameters);

    /// <summary>Skip/Take over rows that may end in an error: the error is raised here if Skip must read past it, and kept after the rows if only Take would.</summary>
    private PartitionData Cut(PartitionData data, object?[] parameters)
    {
        var skip = _skip.Value(parameters)();
        var take = _take.Value(parameters)();
        var failure = data.Failure is not null && (long)Math.Max(skip, 0) + Math.Max(take, 0) > data.Count ? data.Failure : null;
        if (failure is not null && Math.Max(skip, 0) >= data.Count)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        var first = Math.Clamp(skip, 0, data.Count);
        var count = Math.Clamp(take, 0, data.Count - first);
        var rows = Array.CreateInstance(node.ElementType, count);
        Array.Copy(data.Rows, first, rows, 0, count);
        return new PartitionData(rows, count) { Failure = failure };
    }
}

/// <summary>Concat without a shuffle: the left input's partitions, then the right's.</summary>
internal sealed class UnionProducer(UnionExec node, PlanRuntime runtime) : IPartitionProducer
{
    public PartitionData Produce(TaskContext context, int partition)
    {
        var (child, childPartition) = partition < node.Left.NumPartitions ? (node.Left, partition) : (node.Right, partition - node.Left.NumPartitions);
        try
        {
            return runtime.Produce(child, context, childPartition);
        }
        catch (PartialOutputException e) when (ReferenceEquals(e.Node, child))
        {
            // The union's partition is its child's: the rows before the failure are the union's rows too.
            throw new PartialOutputException(e.Rows, e.InnerException!, node);
        }
    }
}

/// <summary>One partition holding one value (the element of Append/Prepend).</summary>
internal sealed class ValuesProducer(ValuesExec node) : IPartitionProducer
{
    private readonly Lazy<Func<object?[], Func<object?>>> _value = new(() =>
        SlotBinder.Compile<Func<object?>>(Expression.Lambda(Expression.Convert(node.Value, typeof(object))), node.Plan.Slots));

    public PartitionData Produce(TaskContext context, int partition)
    {
        var rows = Array.CreateInstance(node.ElementType, 1);
        rows.SetValue(_value.Value(context.Parameters)(), 0);
        return new PartitionData(rows, 1);
    }
}

/// <summary>Merges neighbouring partitions: output partition i reads a range of the input's, in order.</summary>
internal sealed class CoalesceProducer(CoalesceExec node, PlanRuntime runtime) : IPartitionProducer
{
    public PartitionData Produce(TaskContext context, int partition)
    {
        var (start, end) = node.InputRange(partition);
        var parts = new List<PartitionData>();
        for (var p = start; p < end; p++)
        {
            try
            {
                parts.Add(runtime.Produce(node.Child, context, p));
            }
            catch (PartialOutputException e) when (ReferenceEquals(e.Node, node.Child))
            {
                // The rows of the input partitions before the failure, in order, are this partition's rows before it.
                parts.Add(e.Rows);
                throw new PartialOutputException(PartitionConcat.Concat(node.ElementType, parts), e.InnerException!, node);
            }
        }

        return parts.Count == 1 ? parts[0] : PartitionConcat.Concat(node.ElementType, parts);
    }
}

/// <summary>Cache(): the block manager's partition for this job's values, computed on first use.</summary>
internal sealed class CacheProducer(CacheExec node, PlanRuntime runtime) : IPartitionProducer
{
    public PartitionData Produce(TaskContext context, int partition) =>
        context.Job.Blocks.GetOrCompute(CacheKey.Of(node, context.Parameters), partition, () => runtime.Produce(node.Child, context, partition), context.Job.BlockTypes);
}

/// <summary>The broadcast rows collected by the job that ran before this one.</summary>
internal sealed class BroadcastReadProducer(BroadcastExchangeExec node) : IPartitionProducer
{
    public PartitionData Produce(TaskContext context, int partition) => context.Job.BroadcastRows(node.Id);
}

/// <summary>The rows a driver-side final step handed to the narrow steps after it.</summary>
internal sealed class DriverRowsProducer : IPartitionProducer
{
    public PartitionData Produce(TaskContext context, int partition) => context.DriverRows;
}

/// <summary>Narrow steps over a driver-side final step's rows, run on the driver.</summary>
internal sealed class DriverStepsProducer(DriverStepsExec node, PlanRuntime runtime) : IPartitionProducer, IDriverFinisher
{
    private readonly FusedPipeline _steps = FusedPipeline.Collecting(node.Steps);

    public PartitionData Produce(TaskContext context, int partition) =>
        throw new InvalidOperationException("Driver steps run on the driver, after their final step.");

    /// <summary>
    /// The steps' rows. An error a step raises comes back after the rows before it (<see cref="PartitionData.Failure"/>),
    /// as LINQ raises it only when the action reads that far: Any or First may stop before it.
    /// </summary>
    public PartitionData Finish(IReadOnlyList<PartitionData> partials, TaskContext driver)
    {
        var rows = runtime.Finisher(node.Final).Finish(partials, driver);
        if (driver.OperatorRows is { } counts)
        {
            counts[node.Final.Id] += rows.Count;
            driver.OperatorsRan![node.Final.Id] = true;
        }

        try
        {
            return runtime.Collect(_steps, new TaskContext(driver.Job, driver.StageId, 0, 1) { DriverRows = rows, KeepsPartialOutput = true, OperatorRows = driver.OperatorRows, OperatorsRan = driver.OperatorsRan, OperatorTicks = driver.OperatorTicks, Memory = driver.Memory }, 0);
        }
        catch (PartialOutputException e)
        {
            return e.RaiseUnlessFrom(_steps.Top);
        }
    }
}

/// <summary>Runs an order-dependent LINQ to Objects operator over all rows of its inputs, each read lazily in order.</summary>
internal sealed class SequentialProducer(SequentialExec node, PlanRuntime runtime) : IPartitionProducer
{
    private readonly Lazy<Func<PartitionData[], object?[], bool, PartitionData>> _run = new(() => Build(node));

    /// <summary>
    /// The operator's output rows. In a task that keeps partial output, an error raised while producing them comes as
    /// a <see cref="PartialOutputException"/> holding the rows before it, as LINQ raises it only on reading further.
    /// </summary>
    public PartitionData Produce(TaskContext context, int partition)
    {
        try
        {
            return _run.Value([.. node.Children.Select(child => runtime.ProduceLazily(child, context, partition))], context.Parameters, context.KeepsPartialOutput);
        }
        catch (PartialOutputException e) when (e.Node is null)
        {
            throw new PartialOutputException(e.Rows, e.InnerException!, node);
        }
    }

    /// <summary>Compiles the operator over the inputs' rows: each input's partition is read lazily, its failure (if any) after its rows.</summary>
    private static Func<PartitionData[], object?[], bool, PartitionData> Build(SequentialExec node)
    {
        var inputs = Expression.Parameter(typeof(PartitionData[]), "inputs");
        var outputType = node.ElementType;
        var rows = node.Parameters.Select((parameter, i) => (Expression)Expression.Convert(
            Expression.Call(
                Expression.ArrayIndex(inputs, Expression.Constant(i)),
                typeof(PartitionData).GetMethod(nameof(PartitionData.ReadLazily))!.MakeGenericMethod(parameter.Type.GetGenericArguments()[0])),
            parameter.Type)).ToArray();
        var keepPartial = Expression.Parameter(typeof(bool), "keepPartial");
        var output = Internal.ExpressionUtil.Inline(Expression.Lambda(node.Body, node.Parameters), rows);
        var body = Expression.Call(typeof(SequentialProducer), nameof(Materialize), [outputType], output, keepPartial);
        var factory = SlotBinder.Compile<Func<PartitionData[], bool, PartitionData>>(Expression.Lambda(body, inputs, keepPartial), node.Plan.Slots);
        return (data, parameters, partial) => factory(parameters)(data, partial);
    }

    /// <summary>Reads the operator's output into an array; with <paramref name="keepPartial"/>, a failure keeps the rows before it.</summary>
    internal static PartitionData Materialize<T>(IEnumerable<T> output, bool keepPartial)
    {
        var rows = new RowList<T>(16);
        try
        {
            foreach (var row in output)
            {
                rows.Add(row);
            }
        }
        catch (Exception e) when (keepPartial && e is not OperationCanceledException)
        {
            // The operator's node is attached by its producer (Produce), which this compiled code does not see.
            throw new PartialOutputException(PartitionData.From(rows), e, null);
        }

        return PartitionData.From(rows);
    }
}
