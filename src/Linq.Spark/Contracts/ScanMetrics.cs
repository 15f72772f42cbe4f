namespace Linq.Spark;

/// <summary>
/// What one scan read in one stage, as Spark's scan metrics: files read and skipped by partition filters, Parquet row
/// groups read and skipped by their statistics, the member columns decoded out of all the row type's columns, the
/// rows read, and the malformed CSV rows <see cref="CsvParseMode.DropMalformed"/> skipped.
/// </summary>
public sealed record ScanMetrics(
    string Source,
    long FilesRead,
    long FilesSkipped,
    long RowGroupsRead,
    long RowGroupsSkipped,
    int ColumnsRead,
    int Columns,
    long RowsRead,
    long MalformedRowsDropped);
