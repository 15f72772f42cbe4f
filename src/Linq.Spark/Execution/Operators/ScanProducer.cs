using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Sources;

namespace Linq.Spark.Execution.Operators;

/// <summary>
/// Reads a source's column batches (the source is the job's value of the scan's slot); decodes rows only for consumers
/// that need rows. A pipeline reading the batches asks only for the columns it reads, and the scan's pushed filters,
/// evaluated with the job's captured values, let a file source skip files and row groups.
/// </summary>
internal sealed class ScanProducer : IColumnProducer
{
    private readonly ScanExec _node;
    private readonly Lazy<IReadOnlyList<(PushedFilters.Comparison Comparison, Func<object?[], Func<object?>> Value)>> _filters;

    public ScanProducer(ScanExec node)
    {
        _node = node;
        Columns = Encoders.For(node.ElementType, stored: true);
        _filters = new(() => node.Pushdown?.Filter is { } filter
            ? [.. PushedFilters.Of(filter, Columns).Select(c => (c, SlotBinder.Compile<Func<object?>>(Expression.Lambda(Expression.Convert(c.Value, typeof(object))), node.Plan.Slots)))]
            : []);
    }

    public IEncoder Columns { get; }

    public IEnumerable<ColumnBatch> ProduceBatches(TaskContext context, int partition) => ProduceBatches(context, partition, null);

    /// <summary>
    /// The partition's batches with only the columns decoded that both <paramref name="pipelineColumns"/> (null: all)
    /// and the query (<see cref="ScanPushdown.Columns"/>) read; where the query's own analysis pruned a column, it is
    /// filled with default values, since the pipeline may build whole rows that never read it.
    /// </summary>
    public IEnumerable<ColumnBatch> ProduceBatches(TaskContext context, int partition, bool[]? pipelineColumns)
    {
        var source = (IDataSource)context.Job.Sources[_node.SlotIndex]!;
        var queryColumns = _node.Pushdown?.Columns;
        var columnsRead = Intersect(pipelineColumns, queryColumns);
        bool[]? filled = queryColumns is null ? null : [.. queryColumns.Select((read, c) => !read && (pipelineColumns is null || pipelineColumns[c]))];
        var counters = context.Job.ScanCounters(context.StageId, _node, source);
        counters.Columns = Columns.Columns.Count;
        counters.ColumnsRead = columnsRead?.Count(c => c) ?? Columns.Columns.Count;
        return source.GetBatches(partition, new ScanRequest(columnsRead, Filters(context.Parameters), counters, filled));
    }

    /// <summary>The columns both read (null: all).</summary>
    public static bool[]? Intersect(bool[]? first, bool[]? second) =>
        first is null ? second : second is null ? first : [.. first.Select((read, c) => read && second[c])];

    public PartitionData Produce(TaskContext context, int partition) => ColumnBatches.DecodeRows(Columns, ProduceBatches(context, partition));

    /// <summary>The pushed comparisons with this job's values; one whose value is null or cannot be computed is left out (it skips nothing).</summary>
    private List<ScanFilter> Filters(object?[] parameters)
    {
        var filters = new List<ScanFilter>();
        foreach (var (comparison, value) in _filters.Value)
        {
            object? v;
            try
            {
                v = value(parameters)();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The Where itself computes the value again for each row and fails there as LINQ would.
                continue;
            }

            if (v is not null)
            {
                filters.Add(new ScanFilter(comparison.Column, comparison.Operator, v, comparison.ComparisonType));
            }
        }

        return filters;
    }
}
