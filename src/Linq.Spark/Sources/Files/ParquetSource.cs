using Linq.Spark.Columnar;
using ParquetSharp;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// Parquet files as a partitioned scan (ParquetSharp, the Apache Parquet C++ reader): each row group is a split, and
/// row groups are packed into partitions of at most the split size, in file and row group order. A task decodes only
/// the columns its stage reads, straight into the member columns where the types agree, and skips a row group whose
/// min/max statistics rule out a pushed filter, or a file whose folders do.
/// </summary>
internal sealed class ParquetSource : IFileSource
{
    private const string Reader = "ReadParquet";
    private readonly MemberColumns _members;
    private readonly IReadOnlyList<IReadOnlyList<RowGroupSplit>> _partitions;
    private readonly Dictionary<string, FileColumns> _files;
    private readonly int _batchSize;
    private readonly string _path;

    private ParquetSource(string path, MemberColumns members, IReadOnlyList<IReadOnlyList<RowGroupSplit>> partitions, Dictionary<string, FileColumns> files, long rows, int batchSize, FileScanSpec spec)
    {
        Spec = spec.WithLayout(partitions, g => $"{g.File.Path}#{g.Index}:{g.Rows}");
        _path = path;
        _members = members;
        _partitions = partitions;
        _files = files;
        RowCount = rows;
        _batchSize = batchSize;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public FileScanSpec Spec { get; }

    public Type ElementType => _members.Encoder.RowType;

    public IEncoder Encoder => _members.Encoder;

    public int NumPartitions => _partitions.Count;

    public long RowCount { get; }

    public bool ReadsFiles => true;

    /// <summary>One row group of a file, with its rows and bytes, as a split.</summary>
    private sealed record RowGroupSplit(DataFile File, int Index, long Rows, long Bytes);

    /// <summary>How a file's columns serve the members: per member column, the file column index (or a <see cref="MemberColumns"/> mark) and its reader.</summary>
    private sealed record FileColumns(int[] Binding, ParquetColumns?[] Readers, IReadOnlyList<string> Names);

    /// <summary>Lists the files, reads each one's footer (schema and row groups), binds and type-checks the members, and plans the partitions.</summary>
    public static ParquetSource Open(Type rowType, string path, SparkOptions session)
    {
        var members = MemberColumns.Of(rowType, Reader);
        var files = FileListing.Find(path, Reader);
        var columns = new Dictionary<string, FileColumns>();
        var splits = new List<RowGroupSplit>();
        long rows = 0;
        foreach (var file in files)
        {
            using var reader = ParquetFiles.Open(file.Path, Reader);
            using var metadata = reader.FileMetaData;
            var schema = metadata.Schema;
            var descriptors = Enumerable.Range(0, schema.NumColumns).Select(schema.Column).ToList();
            var names = descriptors.Select(d => d.Name).ToList();
            var binding = members.Bind(file, names);
            var readers = new ParquetColumns?[binding.Length];
            for (var c = 0; c < binding.Length; c++)
            {
                if (binding[c] < 0)
                {
                    continue;
                }

                var descriptor = descriptors[binding[c]];
                var spec = members.Encoder.Columns[c];
                readers[c] = ParquetColumns.For(descriptor, spec) ?? throw new InvalidDataException(
                    $"{Reader}: {file.Path} column \"{descriptor.Name}\" ({Describe(descriptor)}) cannot be read into member {members.Describe(spec)}, {MemberColumns.AType(spec.MemberType)}; its columns are {string.Join(", ", descriptors.Select(d => $"\"{d.Name}\" ({Describe(d)})"))}.");
            }

            columns[file.Path] = new FileColumns(binding, readers, names);
            for (var g = 0; g < metadata.NumRowGroups; g++)
            {
                using var group = reader.RowGroup(g);
                var groupRows = group.MetaData.NumRows;
                splits.Add(new RowGroupSplit(file, g, groupRows, Math.Max(1, file.Length * groupRows / Math.Max(1, metadata.NumRows))));
                rows += groupRows;
            }
        }

        var splitBytes = SplitPlanner.MaxSplitBytes(files, session);
        var partitions = SplitPlanner.Pack(splits, s => s.Bytes, splitBytes, session.FileOpenCostBytes);
        return new ParquetSource(path, members, partitions, columns, rows, FileBatches.Rows(session), FileScanSpec.Of(FileFormat.Parquet, path, session));
    }

    public string Describe()
    {
        var files = _partitions.SelectMany(p => p).Select(g => g.File.Path).Distinct().Count();
        var groups = _partitions.Sum(p => p.Count);
        return $"parquet [{_path}] ({files} {(files == 1 ? "file" : "files")}, {groups} row {(groups == 1 ? "group" : "groups")}, {NumPartitions} {(NumPartitions == 1 ? "partition" : "partitions")})";
    }

    public bool IsPartitionColumn(int column) => _members.IsPartitionColumn(_partitions.SelectMany(p => p).Select(s => s.File), column);

    public IEnumerable<ColumnBatch> GetBatches(int partition) => GetBatches(partition, ScanRequest.All);

    public IEnumerable<ColumnBatch> GetBatches(int partition, ScanRequest request)
    {
        var any = false;
        foreach (var group in _partitions[partition].GroupBy(g => g.File.Path))
        {
            var file = group.First().File;
            if (!_members.Admits(file, group.First().Index == 0, request))
            {
                continue;
            }

            var columns = _files[file.Path];
            var binding = MemberColumns.ForRequest(columns.Binding, request);
            using var reader = ParquetFiles.Open(file.Path, Reader);
            foreach (var split in group)
            {
                using var rowGroup = reader.RowGroup(split.Index);
                if (!MayMatch(rowGroup, split, binding, columns, request.Filters))
                {
                    request.Counters.RowGroupSkipped();
                    continue;
                }

                request.Counters.RowGroupRead();
                foreach (var batch in ReadRowGroup(rowGroup, split, binding, columns, request))
                {
                    any = true;
                    yield return batch;
                }
            }
        }

        if (!any)
        {
            // A partition always has a batch, if only an empty one, as a parallelized partition does.
            yield return new BatchBuilder(_members.Encoder, 1, System.Globalization.CultureInfo.InvariantCulture, request).Take();
        }
    }

    /// <summary>The row group's rows as batches of at most the batch size, each read column decoded by its cursor.</summary>
    private IEnumerable<ColumnBatch> ReadRowGroup(RowGroupReader rowGroup, RowGroupSplit split, int[] binding, FileColumns columns, ScanRequest request)
    {
        var count = binding.Length;
        var cursors = new ParquetColumns.Cursor?[count];
        try
        {
            for (var c = 0; c < count; c++)
            {
                if (binding[c] >= 0)
                {
                    cursors[c] = columns.Readers[c]!.Open(rowGroup, binding[c]);
                }
            }

            for (long start = 0; start < split.Rows; start += _batchSize)
            {
                var rows = (int)Math.Min(_batchSize, split.Rows - start);
                var values = new Array?[count];
                var validity = new ulong[]?[count];
                for (var c = 0; c < count; c++)
                {
                    var spec = _members.Encoder.Columns[c];
                    if (cursors[c] is { } cursor)
                    {
                        var first = start;
                        var name = columns.Names[binding[c]];
                        (values[c], validity[c]) = cursor.Next(rows, spec.IsNullable, (row, what) => new InvalidDataException(
                            $"{Reader}: {split.File.Path} row group {split.Index} row {first + row}, column \"{name}\": {what} is not {MemberColumns.AType(spec.MemberType)} (member {_members.Describe(spec)})."));
                    }
                    else if (binding[c] == MemberColumns.FromFolder)
                    {
                        (values[c], validity[c]) = _members.FolderColumn(split.File, c, rows);
                    }
                    else if (request.Fills(c))
                    {
                        (values[c], validity[c]) = BatchBuilder.Unread(spec, rows);
                    }
                }

                request.Counters.RowsRead(rows);
                yield return _members.Encoder.Store(new ColumnBatch(rows, values, validity, new string[]?[count]));
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor?.Dispose();
            }
        }
    }

    /// <summary>Whether the row group's statistics leave room for rows that pass every pushed filter on a file column.</summary>
    private bool MayMatch(RowGroupReader rowGroup, RowGroupSplit split, int[] binding, FileColumns columns, IReadOnlyList<ScanFilter> filters)
    {
        foreach (var filter in filters)
        {
            var index = columns.Binding[filter.Column];
            if (index < 0)
            {
                continue;
            }

            using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(index);
            if (!chunk.IsStatsSet)
            {
                continue;
            }

            using var statistics = chunk.Statistics;
            if (statistics is null)
            {
                continue;
            }

            if (!statistics.HasMinMax)
            {
                // Only nulls: no row satisfies a comparison (lifted comparisons with null are false).
                if (statistics.NumValues == 0 && statistics.NullCount > 0 && statistics.NullCount == split.Rows)
                {
                    return false;
                }

                continue;
            }

            var schema = rowGroup.MetaData.Schema;
            var descriptor = schema.Column(index);
            var spec = _members.Encoder.Columns[filter.Column];
            if (!filter.MayMatch(Statistic(descriptor, statistics.MinUntyped, spec), Statistic(descriptor, statistics.MaxUntyped, spec)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A min or max statistic as a value of the member's type, where its physical value is unambiguous; else null (no skipping).</summary>
    private static object? Statistic(ColumnDescriptor descriptor, object? value, ColumnSpec spec)
    {
        using var logical = descriptor.LogicalType;
        object? typed = (logical, value) switch
        {
            (DateLogicalType, int days) => DateOnly.FromDayNumber(UnixEpochDay + days),
            (DecimalLogicalType d, int unscaled) => Scaled(unscaled, d.Scale),
            (DecimalLogicalType d, long unscaled) => Scaled(unscaled, d.Scale),
            (IntLogicalType { IsSigned: true } or NoneLogicalType, int number) => number,
            (IntLogicalType { IsSigned: true } or NoneLogicalType, long number) => number,
            (NoneLogicalType, float number) => number,
            (NoneLogicalType, double number) => number,
            _ => null,
        };
        return typed is DateOnly day && spec.StorageType == typeof(DateTime) ? day.ToDateTime(TimeOnly.MinValue) : typed;
    }

    private const int UnixEpochDay = 719_162;

    private static decimal Scaled(long unscaled, int scale) => unscaled / (decimal)Math.Pow(10, scale);

    private static string Describe(ColumnDescriptor descriptor)
    {
        using var logical = descriptor.LogicalType;
        var type = logical is NoneLogicalType ? descriptor.PhysicalType.ToString() : logical.ToString() ?? descriptor.PhysicalType.ToString();
        return descriptor.MaxDefinitionLevel > 0 ? type + ", optional" : type;
    }
}
