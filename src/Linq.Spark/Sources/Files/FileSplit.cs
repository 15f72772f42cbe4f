namespace Linq.Spark.Sources.Files;

/// <summary>
/// A byte range of one file that one task reads: it starts at a record's first byte and ends where a record ends (or
/// at the file's end), so no record spans two splits. <see cref="FirstLine"/> is the range's first line number, for errors.
/// </summary>
internal sealed record FileSplit(DataFile File, long Start, long Length, long FirstLine)
{
    /// <summary>Whether the split starts at the beginning of its file (where a CSV header is).</summary>
    public bool AtFileStart => Start == 0;
}
