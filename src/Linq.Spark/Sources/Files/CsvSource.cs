using System.Globalization;
using System.Text;
using Linq.Spark.Columnar;
using nietras.SeparatedValues;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// CSV files as a partitioned scan (Sep parses). A field that is empty and unquoted is null (for nullable and string
/// members), as is one equal to <see cref="CsvReadOptions.NullValue"/>; a quoted empty field is an empty string, as
/// DuckDB and Spark write them. Splits start at record starts, so quoted fields may hold line feeds.
/// </summary>
internal sealed class CsvSource : FileSource
{
    private const string Reader = "ReadCsv";
    private readonly CsvReadOptions _options;
    private readonly Dictionary<string, int> _fieldCounts;

    private CsvSource(string path, MemberColumns members, IReadOnlyList<IReadOnlyList<FileSplit>> partitions, Dictionary<string, int[]> bindings, Dictionary<string, int> fieldCounts, SparkOptions session, CsvReadOptions options)
        : base("csv", path, members, partitions, bindings, FileBatches.Rows(session), options.Culture, FileScanSpec.Of(FileFormat.Csv, path, session, options))
    {
        _options = options;
        _fieldCounts = fieldCounts;
    }

    /// <summary>Finds the files, reads each one's header and binds the members to it, and plans the splits; nothing is parsed yet.</summary>
    public static CsvSource Open(Type rowType, string path, CsvReadOptions options, SparkOptions session)
    {
        ArgumentNullException.ThrowIfNull(options.Culture, nameof(options.Culture));
        if (options.Delimiter is '"' or '\n' or '\r')
        {
            throw new ArgumentException($"{Reader}: the delimiter cannot be {(options.Delimiter == '"' ? "a quote" : "a line break")}.", nameof(options));
        }

        var members = MemberColumns.Of(rowType, Reader);
        var files = FileListing.Find(path, Reader);
        var bindings = new Dictionary<string, int[]>();
        var fieldCounts = new Dictionary<string, int>();
        long sampledBytes = 0, sampledRows = 0;
        foreach (var file in files)
        {
            IReadOnlyList<string> columns;
            long bytes, rows;
            try
            {
                (columns, bytes, rows) = Header(file, options, members);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or FormatException)
            {
                // Sep refuses some headers (for example, one naming a column twice).
                throw new InvalidDataException($"{Reader}: {file.Path} cannot be read as CSV: {e.Message}", e);
            }

            bindings[file.Path] = members.Bind(file, columns);
            fieldCounts[file.Path] = columns.Count;
            sampledBytes += bytes;
            sampledRows += rows;
        }

        var splitBytes = SplitPlanner.MaxSplitBytes(files, session);
        var splits = files.SelectMany(f => RecordBoundaries.Split(f, splitBytes, quotedFields: true));
        var partitions = SplitPlanner.Pack(splits, s => s.Length, splitBytes, session.FileOpenCostBytes);
        return new CsvSource(path, members, partitions, bindings, fieldCounts, session, options)
        {
            BytesPerRow = sampledRows == 0 ? 100 : (double)sampledBytes / sampledRows,
        };
    }

    protected override IEnumerable<ColumnBatch> ReadSplit(FileSplit split, int[] binding, BatchBuilder builder)
    {
        using var reader = Open(split);
        while (Fill(reader, split, binding, builder))
        {
            yield return builder.Take();
        }
    }

    /// <summary>Reads records into the builder until it is full (true) or the split ends (false).</summary>
    private bool Fill(SepReader reader, FileSplit split, int[] binding, BatchBuilder builder)
    {
        var file = split.File;
        var fields = _fieldCounts[file.Path];
        while (!builder.IsFull)
        {
            if (!reader.MoveNext())
            {
                return false;
            }

            var row = reader.Current;
            if (row.ColCount == 1 && row.Span.IsEmpty)
            {
                continue;
            }

            var line = split.FirstLine + row.LineNumberFrom - 1;
            if (row.ColCount != fields)
            {
                Malformed(builder, file, line, $"has {row.ColCount} {(row.ColCount == 1 ? "field" : "fields")} where the file has {fields} columns");
            }
            else if (AppendRow(row, file, line, binding, builder))
            {
                builder.EndRow();
            }
        }

        return true;
    }

    private bool AppendRow(SepReader.Row row, DataFile file, long line, int[] binding, BatchBuilder builder)
    {
        for (var c = 0; c < binding.Length; c++)
        {
            if (binding[c] < 0)
            {
                continue;
            }

            var raw = row[binding[c]].Span;
            var column = builder.Column(c);
            var appended = IsNull(raw) ? column.TryAppendNull() : column.TryAppend(Unquote(raw));
            if (!appended)
            {
                builder.DropRow();
                var member = Members.Encoder.Columns[c];
                Malformed(builder, file, line, IsNull(raw)
                    ? $"column \"{Members.Names[c]}\": an empty field, but member {Members.Describe(member)} is {MemberColumns.AType(member.MemberType)}, which cannot be null"
                    : $"column \"{Members.Names[c]}\": \"{Unquote(raw)}\" is not {MemberColumns.AType(member.MemberType)} (member {Members.Describe(member)})");
                return false;
            }
        }

        Members.AppendPartitionValues(file, binding, builder);
        return true;
    }

    private bool IsNull(ReadOnlySpan<char> raw) => raw.IsEmpty || (_options.NullValue is { } nullValue && raw.SequenceEqual(nullValue));

    /// <summary>A quoted field's text without its quotes and with doubled quotes undoubled; other fields as they are.</summary>
    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> raw)
    {
        if (raw.Length < 2 || raw[0] != '"' || raw[^1] != '"')
        {
            return raw;
        }

        var inner = raw[1..^1];
        return inner.Contains("\"\"", StringComparison.Ordinal) ? inner.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : inner;
    }

    /// <summary>Fails the job (FailFast) or counts the dropped row (DropMalformed).</summary>
    private void Malformed(BatchBuilder builder, DataFile file, long line, string what)
    {
        if (_options.Mode == CsvParseMode.FailFast)
        {
            throw new InvalidDataException($"{Reader}: {file.Path} line {line} {what}.");
        }

        builder.Request.Counters.MalformedRowDropped();
    }

    private SepReader Open(FileSplit split)
    {
        var stream = new RangeStream(split.File.Path, split.Start, split.Length);
        var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: split.AtFileStart, bufferSize: 1 << 16);
        return Sep.New(_options.Delimiter)
            .Reader(o => o with { HasHeader = _options.Header && split.AtFileStart, DisableColCountCheck = true, CultureInfo = _options.Culture })
            .From(text);
    }

    /// <summary>The file's column names (its header, or the members' names by position without one) and the size of its first rows.</summary>
    private static (IReadOnlyList<string> Columns, long Bytes, long Rows) Header(DataFile file, CsvReadOptions options, MemberColumns members)
    {
        using var text = new StreamReader(file.Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.New(options.Delimiter)
            .Reader(o => o with { HasHeader = options.Header, DisableColCountCheck = true })
            .From(text);
        long bytes = 0, rows = 0, firstFields = -1;
        foreach (var row in reader)
        {
            firstFields = firstFields < 0 ? row.ColCount : firstFields;
            bytes += row.Span.Length + 1;
            if (++rows == 100)
            {
                break;
            }
        }

        if (options.Header)
        {
            if (reader.Header.ColNames.Count == 0)
            {
                throw new InvalidDataException($"{Reader}: {file.Path} is empty; it has no header line naming its columns.");
            }

            return ([.. reader.Header.ColNames], bytes, rows);
        }

        // Without a header, the file's fields are the members not given by folders, in order.
        var byPosition = Enumerable.Range(0, members.Names.Count).Where(c => members.PartitionValue(file, c) is null).Select(c => members.Names[c]).ToList();
        if (firstFields >= 0 && firstFields != byPosition.Count)
        {
            throw new InvalidDataException(
                $"{Reader}: {file.Path} has {firstFields} fields in its first line; without a header its fields bind by position to {byPosition.Count} members ({string.Join(", ", byPosition)}).");
        }

        return (byPosition, bytes, rows);
    }
}
