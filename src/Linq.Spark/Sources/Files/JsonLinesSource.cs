using System.Buffers;
using System.Text;
using System.Text.Json;
using Linq.Spark.Columnar;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// JSON lines files (one object per line) as a partitioned scan, read with System.Text.Json. Members bind to
/// properties by name, ignoring case; a property the object lacks, or a JSON null, is a null member; properties no
/// member reads are skipped; a string holds dates and other text-typed values.
/// </summary>
internal sealed class JsonLinesSource : FileSource
{
    private const string Reader = "ReadJson";
    private readonly Dictionary<string, int> _columns;

    private JsonLinesSource(string path, MemberColumns members, IReadOnlyList<IReadOnlyList<FileSplit>> partitions, Dictionary<string, int[]> bindings, SparkOptions session)
        : base("json", path, members, partitions, bindings, FileBatches.Rows(session), System.Globalization.CultureInfo.InvariantCulture, FileScanSpec.Of(FileFormat.Json, path, session))
    {
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < members.Names.Count; c++)
        {
            _columns.TryAdd(members.Names[c], c);
        }
    }

    /// <summary>Finds the files, checks the members against each file's first object, and plans the splits.</summary>
    public static JsonLinesSource Open(Type rowType, string path, SparkOptions session)
    {
        var members = MemberColumns.Of(rowType, Reader);
        var files = FileListing.Find(path, Reader);
        var bindings = new Dictionary<string, int[]>();
        long sampledBytes = 0, sampledRows = 0;
        foreach (var file in files)
        {
            var (properties, bytes, rows) = FirstObjects(file);
            var binding = new int[members.Names.Count];
            for (var c = 0; c < binding.Length; c++)
            {
                // A member whose property the first object lacks is null there: fine for members that take nulls.
                var member = members.Encoder.Columns[c];
                var nullable = member.IsNullable || member.MemberType == typeof(string);
                binding[c] = members.PartitionValue(file, c) is not null ? -1 : c;
                if (binding[c] >= 0 && rows > 0 && !nullable && !properties.Contains(members.Names[c], StringComparer.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException(
                        $"{Reader}: {file.Path} has no property \"{members.Names[c]}\" for member {members.Describe(member)} in its first object; its properties are {string.Join(", ", properties.Select(p => $"\"{p}\""))}.");
                }
            }

            bindings[file.Path] = binding;
            sampledBytes += bytes;
            sampledRows += rows;
        }

        var splitBytes = SplitPlanner.MaxSplitBytes(files, session);
        var splits = files.SelectMany(f => RecordBoundaries.Split(f, splitBytes, quotedFields: false));
        var partitions = SplitPlanner.Pack(splits, s => s.Length, splitBytes, session.FileOpenCostBytes);
        return new JsonLinesSource(path, members, partitions, bindings, session)
        {
            BytesPerRow = sampledRows == 0 ? 100 : (double)sampledBytes / sampledRows,
        };
    }

    protected override IEnumerable<ColumnBatch> ReadSplit(FileSplit split, int[] binding, BatchBuilder builder)
    {
        using var text = new StreamReader(new RangeStream(split.File.Path, split.Start, split.Length), Encoding.UTF8, split.AtFileStart, 1 << 16);
        var line = split.FirstLine - 1;
        var seen = new bool[binding.Length];
        var bytes = new ArrayBufferWriter<byte>(1024);
        while (text.ReadLine() is { } json)
        {
            line++;
            if (string.IsNullOrWhiteSpace(json))
            {
                continue;
            }

            bytes.ResetWrittenCount();
            Encoding.UTF8.GetBytes(json, bytes);
            AppendObject(bytes.WrittenSpan, split.File, line, binding, seen, builder);
            builder.EndRow();
            if (builder.IsFull)
            {
                yield return builder.Take();
            }
        }
    }

    private void AppendObject(ReadOnlySpan<byte> json, DataFile file, long line, int[] binding, bool[] seen, BatchBuilder builder)
    {
        Array.Clear(seen);
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Malformed(file, line, "is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (!_columns.TryGetValue(name, out var c) || binding[c] < 0)
                {
                    reader.Skip();
                    continue;
                }

                if (seen[c])
                {
                    throw Malformed(file, line, $"has property \"{name}\" twice");
                }

                seen[c] = true;
                Append(ref reader, c, name, file, line, builder);
            }
        }
        catch (JsonException e)
        {
            builder.DropRow();
            throw Malformed(file, line, $"is not valid JSON: {e.Message}");
        }
        catch (InvalidDataException)
        {
            builder.DropRow();
            throw;
        }

        for (var c = 0; c < binding.Length; c++)
        {
            if (binding[c] >= 0 && !seen[c] && !builder.Column(c).TryAppendNull())
            {
                builder.DropRow();
                throw Malformed(file, line, $"has no property \"{Members.Names[c]}\" for member {Members.Describe(Members.Encoder.Columns[c])}, which cannot be null");
            }
        }

        Members.AppendPartitionValues(file, binding, builder);
    }

    private void Append(ref Utf8JsonReader reader, int c, string name, DataFile file, long line, BatchBuilder builder)
    {
        var column = builder.Column(c);
        var member = Members.Encoder.Columns[c];
        bool ok;
        string shown;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                ok = column.TryAppendNull();
                shown = "null";
                break;
            case JsonTokenType.String:
                shown = reader.GetString()!;
                ok = column.TryAppend(shown);
                break;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                shown = Encoding.UTF8.GetString(reader.ValueSpan);
                ok = column.TryAppend(shown);
                break;
            default:
                reader.Skip();
                shown = reader.TokenType == JsonTokenType.EndArray ? "an array" : "an object";
                ok = false;
                break;
        }

        if (!ok)
        {
            throw Malformed(file, line, $"property \"{name}\": {shown} is not {MemberColumns.AType(member.MemberType)} (member {Members.Describe(member)})");
        }
    }

    private static InvalidDataException Malformed(DataFile file, long line, string what) => new($"{Reader}: {file.Path} line {line} {what}.");

    /// <summary>The property names of the file's first object, and the size of its first lines.</summary>
    private static (IReadOnlyList<string> Properties, long Bytes, long Rows) FirstObjects(DataFile file)
    {
        using var text = new StreamReader(file.Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var properties = new List<string>();
        long bytes = 0, rows = 0;
        while (rows < 100 && text.ReadLine() is { } json)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                continue;
            }

            bytes += Encoding.UTF8.GetByteCount(json) + 1;
            if (rows++ == 0)
            {
                try
                {
                    using var document = JsonDocument.Parse(json);
                    if (document.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        properties.AddRange(document.RootElement.EnumerateObject().Select(p => p.Name));
                    }
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"{Reader}: {file.Path} does not start with a JSON object: {e.Message}", e);
                }
            }
        }

        return (properties, bytes, rows);
    }
}
