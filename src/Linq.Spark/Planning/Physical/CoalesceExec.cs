using Linq.Spark.Execution;
using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>Merges neighbouring partitions into fewer without a shuffle (Coalesce): partition i runs a range of the input's.</summary>
internal sealed class CoalesceExec(PlanContext plan, ExecNode child, int partitions) : ExecNode(plan)
{
    public ExecNode Child { get; } = child;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new CoalesceExec(Plan, children[0], partitions);

    public override Partitioning OutputPartitioning =>
        Math.Min(partitions, Child.NumPartitions) == 1 ? new SinglePartitioning() : new UnknownPartitioning(Math.Min(partitions, Child.NumPartitions));

    public override string Describe() => $"Coalesce {NumPartitions}";

    public override PartitionData Produce(TaskContext context, int partition)
    {
        var inputs = Child.NumPartitions;
        var start = (int)((long)inputs * partition / NumPartitions);
        var end = (int)((long)inputs * (partition + 1) / NumPartitions);
        var parts = new List<PartitionData>();
        for (var p = start; p < end; p++)
        {
            parts.Add(Child.Produce(context, p));
        }

        return parts.Count == 1 ? parts[0] : PartitionConcat.Concat(ElementType, parts);
    }
}
