namespace Linq.Spark.Sources;

/// <summary>
/// What the tasks of one scan in one stage read, added up across tasks (thread-safe): files, row groups, rows, and
/// the malformed rows a permissive parse dropped. Reported in <see cref="StageInfo.Scans"/>.
/// </summary>
internal sealed class ScanCounters
{
    private long _filesRead;
    private long _filesSkipped;
    private long _rowGroupsRead;
    private long _rowGroupsSkipped;
    private long _rowsRead;
    private long _malformedRowsDropped;

    /// <summary>Member columns decoded per row (the same for every task of the scan).</summary>
    public int ColumnsRead { get; set; }

    /// <summary>Member columns of the row type.</summary>
    public int Columns { get; set; }

    public void FileRead() => Interlocked.Increment(ref _filesRead);

    public void FileSkipped() => Interlocked.Increment(ref _filesSkipped);

    public void RowGroupRead() => Interlocked.Increment(ref _rowGroupsRead);

    public void RowGroupSkipped() => Interlocked.Increment(ref _rowGroupsSkipped);

    public void RowsRead(long rows) => Interlocked.Add(ref _rowsRead, rows);

    public void MalformedRowDropped() => Interlocked.Increment(ref _malformedRowsDropped);

    /// <summary>The counts as the public record, naming the scan by <paramref name="source"/>.</summary>
    public ScanMetrics Snapshot(string source) => new(
        source,
        Interlocked.Read(ref _filesRead),
        Interlocked.Read(ref _filesSkipped),
        Interlocked.Read(ref _rowGroupsRead),
        Interlocked.Read(ref _rowGroupsSkipped),
        ColumnsRead,
        Columns,
        Interlocked.Read(ref _rowsRead),
        Interlocked.Read(ref _malformedRowsDropped));
}
