using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Linq.Spark.Columnar;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// Arrow IPC files as a partitioned scan: each record batch is a split, and batches are packed into partitions of at
/// most the split size, in file and batch order. Members bind to fields by name, ignoring case, or by [ColumnName];
/// a field's values convert to the member's type where no value is lost (integers of other widths, Date32/Date64 and
/// timestamps to DateOnly or DateTime, Decimal128 to decimal, strings and dictionary strings, integers or names to
/// enums), else the job fails naming the file, the batch, the row and the field.
/// </summary>
internal sealed class ArrowSource : IFileSource
{
    private const string Reader = "ReadArrow";
    private readonly MemberColumns _members;
    private readonly IReadOnlyList<IReadOnlyList<BatchSplit>> _partitions;
    private readonly Dictionary<string, int[]> _bindings;
    private readonly int _batchSize;
    private readonly string _path;

    private ArrowSource(string path, MemberColumns members, IReadOnlyList<IReadOnlyList<BatchSplit>> partitions, Dictionary<string, int[]> bindings, long rows, int batchSize, FileScanSpec spec)
    {
        Spec = spec.WithLayout(partitions, b => $"{b.File.Path}#{b.Index}:{b.Bytes}");
        _path = path;
        _members = members;
        _partitions = partitions;
        _bindings = bindings;
        RowCount = rows;
        _batchSize = batchSize;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public FileScanSpec Spec { get; }

    public Type ElementType => _members.Encoder.RowType;

    public IEncoder Encoder => _members.Encoder;

    public int NumPartitions => _partitions.Count;

    public long RowCount { get; }

    /// <summary>Lists the files, reads each one's schema and batch count from its footer, binds the members and plans the partitions.</summary>
    public static ArrowSource Open(Type rowType, string path, SparkOptions session)
    {
        var members = MemberColumns.Of(rowType, Reader);
        var files = FileListing.Find(path, Reader);
        var bindings = new Dictionary<string, int[]>();
        var splits = new List<BatchSplit>();
        long rows = 0;
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file.Path);
            using var reader = OpenReader(stream, file);
            var schema = reader.Schema;
            bindings[file.Path] = members.Bind(file, [.. schema.FieldsList.Select(f => f.Name)]);
            var batches = BatchCount(reader);
            for (var b = 0; b < batches; b++)
            {
                splits.Add(new BatchSplit(file, b, file.Length / batches));
            }

            if (batches > 0)
            {
                using var first = Batch(reader, 0);
                rows += (long)first.Length * batches;
            }
        }

        var splitBytes = SplitPlanner.MaxSplitBytes(files, session);
        var partitions = SplitPlanner.Pack(splits, s => s.Bytes, splitBytes, session.FileOpenCostBytes);
        return new ArrowSource(path, members, partitions, bindings, rows, FileBatches.Rows(session), FileScanSpec.Of(FileFormat.Arrow, path, session));
    }

    /// <summary>One record batch of a file, with its share of the file's bytes, as a split.</summary>
    private sealed record BatchSplit(DataFile File, int Index, long Bytes);

    public string Describe()
    {
        var files = _partitions.SelectMany(p => p).Select(b => b.File.Path).Distinct().Count();
        return $"arrow [{_path}] ({files} {(files == 1 ? "file" : "files")}, {NumPartitions} {(NumPartitions == 1 ? "partition" : "partitions")})";
    }

    public bool ReadsFiles => true;

    public bool IsPartitionColumn(int column) => _members.IsPartitionColumn(_partitions.SelectMany(p => p).Select(s => s.File), column);

    public IEnumerable<ColumnBatch> GetBatches(int partition) => GetBatches(partition, ScanRequest.All);

    public IEnumerable<ColumnBatch> GetBatches(int partition, ScanRequest request)
    {
        var builder = new BatchBuilder(_members.Encoder, _batchSize, System.Globalization.CultureInfo.InvariantCulture, request);
        var any = false;
        foreach (var group in _partitions[partition].GroupBy(b => b.File.Path))
        {
            var first = group.First();
            if (!_members.Admits(first.File, first.Index == 0, request))
            {
                continue;
            }

            using var stream = File.OpenRead(group.Key);
            using var reader = OpenReader(stream, first.File);
            var binding = MemberColumns.ForRequest(_bindings[group.Key], request);
            foreach (var (file, index, _) in group)
            {
                using var record = Batch(reader, index);
                for (var row = 0; row < record.Length; row++)
                {
                    Append(record, file, index, row, binding, builder);
                    builder.EndRow();
                    if (builder.IsFull)
                    {
                        any = true;
                        yield return builder.Take();
                    }
                }
            }
        }

        if (builder.Count > 0 || !any)
        {
            yield return builder.Take();
        }
    }

    private void Append(RecordBatch record, DataFile file, int batch, int row, int[] binding, BatchBuilder builder)
    {
        for (var c = 0; c < binding.Length; c++)
        {
            if (binding[c] < 0)
            {
                continue;
            }

            var column = builder.Column(c);
            var array = record.Column(binding[c]);
            var value = ValueAt(array, row);
            if (!column.TryAppendValue(value))
            {
                builder.DropRow();
                var field = record.Schema.GetFieldByIndex(binding[c]);
                throw new InvalidDataException(
                    $"{Reader}: {file.Path} record batch {batch} row {row}, field \"{field.Name}\" ({field.DataType.Name}): {value ?? "null"} is not {MemberColumns.AType(column.MemberType)} (member {_members.Describe(_members.Encoder.Columns[c])}).");
            }
        }

        _members.AppendPartitionValues(file, binding, builder);
    }

    /// <summary>The value of one row of an Arrow array as a .NET value (null where the row is null).</summary>
    private static object? ValueAt(IArrowArray array, int row)
    {
        if (array.IsNull(row))
        {
            return null;
        }

        return array switch
        {
            StringArray strings => strings.GetString(row),
            LargeStringArray strings => strings.GetString(row),
            DictionaryArray dictionary => ValueAt(dictionary.Dictionary, DictionaryIndex(dictionary.Indices, row)),
            BooleanArray flags => flags.GetValue(row),
            Date32Array days => days.GetDateOnly(row),
            Date64Array days => days.GetDateTime(row),
            TimestampArray times => times.GetTimestamp(row)?.UtcDateTime,
            Decimal128Array decimals => decimals.GetValue(row),
            Int8Array a => a.GetValue(row),
            Int16Array a => a.GetValue(row),
            Int32Array a => a.GetValue(row),
            Int64Array a => a.GetValue(row),
            UInt8Array a => a.GetValue(row),
            UInt16Array a => a.GetValue(row),
            UInt32Array a => a.GetValue(row),
            UInt64Array a => a.GetValue(row),
            FloatArray a => a.GetValue(row),
            DoubleArray a => a.GetValue(row),
            _ => throw new NotSupportedException($"{Reader}: Arrow {array.Data.DataType.Name} fields cannot be read into members yet."),
        };
    }

    private static int DictionaryIndex(IArrowArray indices, int row) => indices switch
    {
        Int8Array a => a.GetValue(row)!.Value,
        Int16Array a => a.GetValue(row)!.Value,
        Int32Array a => a.GetValue(row)!.Value,
        Int64Array a => checked((int)a.GetValue(row)!.Value),
        UInt8Array a => a.GetValue(row)!.Value,
        UInt16Array a => a.GetValue(row)!.Value,
        UInt32Array a => checked((int)a.GetValue(row)!.Value),
        _ => throw new NotSupportedException($"{Reader}: Arrow dictionaries indexed by {indices.Data.DataType.Name} cannot be read yet."),
    };

    // The reader's footer and batch reads are asynchronous only; a file read completes without a context to return to.
    private static int BatchCount(ArrowFileReader reader) => reader.RecordBatchCountAsync().GetAwaiter().GetResult();

    private static RecordBatch Batch(ArrowFileReader reader, int index) => reader.ReadRecordBatchAsync(index).GetAwaiter().GetResult();

    private static ArrowFileReader OpenReader(Stream stream, DataFile file)
    {
        try
        {
            var reader = new ArrowFileReader(stream, leaveOpen: true);
            _ = BatchCount(reader);
            return reader;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{Reader}: {file.Path} is not an Arrow IPC file ({e.Message}).", e);
        }
    }
}
