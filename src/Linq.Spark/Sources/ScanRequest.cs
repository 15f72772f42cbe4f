namespace Linq.Spark.Sources;

/// <summary>
/// What one scan task asks of its source: the member columns its pipeline reads (the others may stay null in the
/// batches), the comparisons a file source may use to skip files and row groups, and the counters it reports into.
/// </summary>
internal sealed class ScanRequest(bool[]? columns, IReadOnlyList<ScanFilter> filters, ScanCounters counters, bool[]? filled = null)
{
    /// <summary>Every column, no filters, counted nowhere: what a consumer of whole rows asks for.</summary>
    public static ScanRequest All => new(null, [], new ScanCounters());

    /// <summary>The comparisons every row the task keeps satisfies (the Where above the scan still runs).</summary>
    public IReadOnlyList<ScanFilter> Filters { get; } = filters;

    /// <summary>Where the task's files, row groups and rows are counted.</summary>
    public ScanCounters Counters { get; } = counters;

    /// <summary>
    /// Whether member column <paramref name="column"/>, not read, is still present holding default values (its reader
    /// builds whole rows, whose unread members nobody reads) rather than null.
    /// </summary>
    public bool Fills(int column) => filled is not null && filled[column];

    /// <summary>Whether member column <paramref name="column"/> is read (and so must be decoded).</summary>
    public bool Reads(int column) => columns is null || columns[column];

    /// <summary>How many of <paramref name="total"/> member columns are read.</summary>
    public int ColumnsRead(int total) => columns?.Count(c => c) ?? total;
}
