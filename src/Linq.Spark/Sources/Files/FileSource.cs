using System.Globalization;
using Linq.Spark.Columnar;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// A scan over files: the files a path names, cut into splits and packed into partitions on the driver; each task
/// reads its partition's splits in order and hands on column batches of at most the session's batch size. Formats
/// differ only in how a split's records become field texts (<see cref="ReadSplit"/>).
/// </summary>
internal abstract class FileSource : IFileSource
{
    private readonly IReadOnlyList<IReadOnlyList<FileSplit>> _partitions;
    private readonly Dictionary<string, int[]> _bindings;

    protected FileSource(string format, string path, MemberColumns members, IReadOnlyList<IReadOnlyList<FileSplit>> partitions, Dictionary<string, int[]> bindings, int batchSize, CultureInfo culture, FileScanSpec spec)
    {
        Spec = spec.WithLayout(partitions, s => $"{s.File.Path}@{s.Start}+{s.Length}");
        Format = format;
        RootPath = path;
        Members = members;
        _partitions = partitions;
        _bindings = bindings;
        BatchSize = batchSize;
        Culture = culture;
        Bytes = partitions.Sum(p => p.Sum(s => s.Length));
        Files = partitions.SelectMany(p => p).Select(s => s.File.Path).Distinct().Count();
    }

    public Guid Id { get; } = Guid.NewGuid();

    public FileScanSpec Spec { get; }

    public Type ElementType => Members.Encoder.RowType;

    public IEncoder Encoder => Members.Encoder;

    public int NumPartitions => _partitions.Count;

    /// <summary>An estimate from the bytes and the average record size seen when the files were opened.</summary>
    public long RowCount => Math.Max(1, (long)(Bytes / Math.Max(1.0, BytesPerRow)));

    /// <summary>The format's name in Explain ("csv", "json").</summary>
    protected string Format { get; }

    /// <summary>The path the read was given.</summary>
    protected string RootPath { get; }

    /// <summary>The members and the columns they read.</summary>
    protected MemberColumns Members { get; }

    /// <summary>Rows per batch handed on.</summary>
    protected int BatchSize { get; }

    /// <summary>The culture field texts are parsed in.</summary>
    protected CultureInfo Culture { get; }

    /// <summary>Average bytes per record of the files' first records, for the row estimate.</summary>
    protected double BytesPerRow { get; init; } = 100;

    private long Bytes { get; }

    private int Files { get; }

    public string Describe() =>
        $"{Format} [{RootPath}] ({Files} {(Files == 1 ? "file" : "files")}, {Bytes} bytes, {NumPartitions} {(NumPartitions == 1 ? "partition" : "partitions")})";

    public bool ReadsFiles => true;

    public bool IsPartitionColumn(int column) => Members.IsPartitionColumn(_partitions.SelectMany(p => p).Select(s => s.File), column);

    public IEnumerable<ColumnBatch> GetBatches(int partition) => GetBatches(partition, ScanRequest.All);

    public IEnumerable<ColumnBatch> GetBatches(int partition, ScanRequest request)
    {
        var builder = new BatchBuilder(Members.Encoder, BatchSize, Culture, request);
        var any = false;
        foreach (var split in _partitions[partition])
        {
            if (!Members.Admits(split.File, split.AtFileStart, request))
            {
                continue;
            }

            foreach (var batch in ReadSplit(split, MemberColumns.ForRequest(_bindings[split.File.Path], request), builder))
            {
                any = true;
                yield return batch;
            }
        }

        // A partition always has a batch, if only an empty one, as a parallelized partition does.
        if (builder.Count > 0 || !any)
        {
            yield return builder.Take();
        }
    }

    /// <summary>
    /// Appends the records of <paramref name="split"/> to <paramref name="builder"/>, yielding a batch each time it fills;
    /// <paramref name="binding"/> gives each member column's field index (<see cref="MemberColumns.FromFolder"/>: the
    /// file's partition value; <see cref="MemberColumns.NotRead"/>: not read by this scan).
    /// </summary>
    protected abstract IEnumerable<ColumnBatch> ReadSplit(FileSplit split, int[] binding, BatchBuilder builder);
}
