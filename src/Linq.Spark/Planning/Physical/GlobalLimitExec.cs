using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Skip/Take by global position over the single, ordered partition it needs (or on the driver at the root).</summary>
internal sealed class GlobalLimitExec(PlanContext plan, ExecNode child, Expression? skip, Expression? take) : ExecNode(plan), IDriverFinal
{
    private readonly Lazy<Func<object?[], Func<int>>> _skip = new(() => SlotBinder.Compile<Func<int>>(Expression.Lambda(skip ?? Expression.Constant(0)), plan.Slots));
    private readonly Lazy<Func<object?[], Func<int>>> _take = new(() => SlotBinder.Compile<Func<int>>(Expression.Lambda(take ?? Expression.Constant(int.MaxValue)), plan.Slots));

    public ExecNode Child { get; } = child;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new GlobalLimitExec(Plan, children[0], skip, take);

    public override IReadOnlyList<Distribution> RequiredChildDistribution => [Distribution.AllTuples];

    ExecNode IDriverFinal.Input => Child;

    ExecNode IDriverFinal.WithInput(ExecNode input) => WithChildren([input]);

    public override bool ReadsInputLazily => true;

    public override Expression? RowsNeeded => take is null ? null : LimitCounts.Prefix(skip, take);

    public override string Describe() => $"GlobalLimit(skip={skip?.ToString() ?? "0"}, take={take?.ToString() ?? "all"})";

    public override PartitionData Produce(TaskContext context, int partition) => Cut(ProduceLazily(Child, context, partition), context.Parameters);

    public PartitionData Finish(IReadOnlyList<PartitionData> partials, TaskContext driver) =>
        Cut(PartitionConcat.Concat(ElementType, partials), driver.Parameters);

    private PartitionData Cut(PartitionData data, object?[] parameters)
    {
        var skip = _skip.Value(parameters)();
        var take = _take.Value(parameters)();
        if (data.Failure is { } failure && (long)Math.Max(skip, 0) + Math.Max(take, 0) > data.Count)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        var first = Math.Clamp(skip, 0, data.Count);
        var count = Math.Clamp(take, 0, data.Count - first);
        var rows = Array.CreateInstance(ElementType, count);
        Array.Copy(data.Rows, first, rows, 0, count);
        return new PartitionData(rows, count);
    }
}
