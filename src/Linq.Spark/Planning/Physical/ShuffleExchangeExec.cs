using Linq.Spark.Columnar;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Execution.Shuffle;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A shuffle boundary (Spark's ShuffleExchangeExec). Map tasks of the stage below run the child's pipeline and write
/// rows partitioned by <see cref="Partitioning"/>; each reduce task of the stage above reads its partition from every
/// map output, in map order. The blocks are column batches, and kernels of the stage above read them as columns.
/// </summary>
internal sealed class ShuffleExchangeExec : ExecNode, IColumnSource
{
    private readonly Lazy<IShuffleRuntime> _runtime;

    public ShuffleExchangeExec(PlanContext plan, ExecNode child, Partitioning partitioning, bool defersFailures = false)
        : base(plan)
    {
        Child = child;
        Partitioning = partitioning;
        DefersFailures = defersFailures && partitioning is SinglePartitioning;
        _runtime = new Lazy<IShuffleRuntime>(() => (IShuffleRuntime)Activator.CreateInstance(
            typeof(ShuffleRuntime<>).MakeGenericType(child.ElementType), this)!);
    }

    public ExecNode Child { get; }

    /// <summary>
    /// Whether a map task's error is kept with the rows it wrote before it, for a reader that reads lazily in order
    /// (<see cref="ExecNode.ReadsInputLazily"/>), instead of failing the job: only into one partition, where order is kept.
    /// </summary>
    public bool DefersFailures { get; }

    public Partitioning Partitioning { get; }

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new ShuffleExchangeExec(Plan, children[0], Partitioning, DefersFailures);

    public override Partitioning OutputPartitioning => Partitioning;

    public override bool OutputOrdered => Partitioning is SinglePartitioning or RangePartitioning && Child.OutputOrdered
        || Partitioning is RangePartitioning;

    public override string Describe() => $"Exchange {Partitioning.Describe()}";

    /// <summary>Runs one map task: the child's partition, partitioned into the shuffle's blocks.</summary>
    public MapStatus RunMapTask(TaskContext context, int mapId) => _runtime.Value.RunMap(context, mapId);

    /// <summary>Set by <see cref="ExchangeReaders"/>: the pipeline that reads this shuffle's batches, when one alone does.</summary>
    public Func<Pipeline>? Reader { get; set; }

    /// <summary>The map side's pipeline.</summary>
    public Pipeline MapPipeline => _runtime.Value.Map;

    /// <summary>The exchanged batches' layout.</summary>
    public IEncoder? Columns => _runtime.Value.Columns;

    public ColumnBatch ProduceBatch(TaskContext context, int partition) => _runtime.Value.ReadBatch(context, partition);

    public override PartitionData Produce(TaskContext context, int partition) => _runtime.Value.Read(context, partition);
}
