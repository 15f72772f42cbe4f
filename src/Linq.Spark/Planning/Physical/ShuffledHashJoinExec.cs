using System.Linq.Expressions;
using Linq.Spark.Columnar;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A hash join after both sides were hash-shuffled on their keys into the same number of partitions: each task builds
/// a lookup over its partition of the build side, and the streamed side's partition, read as columns, probes it in
/// the stage's kernel, in LINQ's output order within the partition.
/// </summary>
internal sealed class ShuffledHashJoinExec : HashJoinExec
{
    private readonly Lazy<Pipeline> _buildKernel;

    public ShuffledHashJoinExec(PlanContext plan, ExecNode stream, ExecNode build, JoinNode logical)
        : base(plan, stream, build, logical)
    {
        _buildKernel = new Lazy<Pipeline>(BuildKernel);
    }

    /// <summary>A shuffled join of two planned sides, streaming the one LINQ streams.</summary>
    public static ShuffledHashJoinExec Of(PlanContext plan, ExecNode left, ExecNode right, JoinNode logical) =>
        logical.Kind == JoinKind.Right ? new(plan, right, left, logical) : new(plan, left, right, logical);

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => Of(Plan, children[0], children[1], Logical);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
    [
        new ClusteredDistribution(Logical.LeftKey, Logical.Comparer, Plan.ShufflePartitions),
        new ClusteredDistribution(Logical.RightKey, Logical.Comparer, Plan.ShufflePartitions),
    ];

    public override bool OutputOrdered => false;

    public override string Describe() => $"ShuffledHashJoin {Logical.Kind} [{Logical.LeftKey.Body}] = [{Logical.RightKey.Body}]";

    /// <summary>Columns when the build side is a shuffle's batches (the lookup is then built by a kernel over them).</summary>
    protected override IEncoder? BuildColumns => (Build as IColumnSource)?.Columns;

    public override object Lookup(TaskContext context)
    {
        var partition = context.KernelPartition;
        if (BuildColumns is not { } encoder)
        {
            return Runtime.Value.BuildLookup(Build.Produce(context, partition), context.Parameters, leftSide: !StreamsLeft);
        }

        var batch = ((IColumnSource)Build).ProduceBatch(context, partition);
        var lookup = Runtime.Value.NewLookup(context.Parameters, leftSide: !StreamsLeft, batch.Count);
        _buildKernel.Value.RunOver(batch, batch.Count, context, partition, lookup);
        ((IColumnJoinLookup)lookup).Attach(batch, encoder);
        return lookup;
    }

    /// <summary>The kernel that adds each build row's key and index to the lookup, reading the key from the columns.</summary>
    private Pipeline BuildKernel()
    {
        var key = StreamsLeft ? Logical.RightKey : Logical.LeftKey;
        var lookupType = typeof(JoinLookup<,>).MakeGenericType(key.ReturnType, Build.ElementType);
        return new Pipeline(Build, lookupType, (kernel, row) =>
            Expression.Call(kernel.Sink, nameof(JoinLookup<int, int>.Add), null, ExpressionUtil.Inline(key, row), kernel.InputIndex));
    }
}
