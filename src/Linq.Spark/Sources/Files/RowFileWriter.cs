using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Linq.Spark.Columnar;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// Writes one partition's rows, as they come, to files of the job's temporary folder, as a task attempt of Spark's
/// FileOutputCommitter does: into attempt files first, renamed to the partition's files by <see cref="Complete"/>
/// once every row is written, so a failed or retried attempt never leaves half a file where the job will look.
/// Without partition columns a task writes one file; with them (<see cref="FileWriteSpec.PartitionColumns"/>), one
/// file per distinct value under key=value folders, the partition members left out of the files as Spark leaves them.
/// Disposing without completing deletes the attempt files.
/// </summary>
internal sealed class RowFileWriter : IDisposable
{
    /// <summary>Each row type's member readers, compiled once rather than in every task.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<object, object?>[]> Getters = new();

    private readonly FileWriteSpec _spec;
    private readonly Type _rowType;
    private readonly int _partition;
    private readonly int _attempt;
    private readonly MemberColumns _members;
    private readonly Func<object, object?>[] _getters;
    private readonly int[] _folderColumns;
    private readonly int[] _written;
    private readonly CultureInfo _culture;
    private readonly Dictionary<string, OpenFile> _files = new(StringComparer.Ordinal);
    private bool _completed;

    public RowFileWriter(FileWriteSpec spec, Type rowType, int partition, int attempt)
    {
        _spec = spec;
        _rowType = rowType;
        _partition = partition;
        _attempt = attempt;
        _members = MemberColumns.Of(rowType, spec.Writer);
        _getters = Getters.GetOrAdd(rowType, type => [.. _members.Encoder.Columns.Select(c => Getter(type, c))]);
        _folderColumns = [.. spec.PartitionColumns.Select(name => _members.Encoder.Columns.ToList().FindIndex(c => c.Member.Name == name))];
        _written = [.. Enumerable.Range(0, _getters.Length).Where(c => !_folderColumns.Contains(c))];
        _culture = CultureInfo.GetCultureInfo(spec.Culture);
        Directory.CreateDirectory(spec.JobFolder);
        if (_folderColumns.Length == 0)
        {
            // An unpartitioned task writes its file even when its partition is empty, as Spark does.
            _ = FileFor("");
        }
    }

    /// <summary>Writes one row (called by the task's kernel for each row of the partition).</summary>
    public void Write(object row)
    {
        var file = _folderColumns.Length == 0 ? _files[""] : FileFor(FolderOf(row));
        file.Write(this, row);
    }

    /// <summary>Closes the attempt files and renames each to its partition file.</summary>
    public IReadOnlyList<WrittenFile> Complete()
    {
        var written = _files.Values.Select(f => f.Complete(_partition)).ToList();
        _completed = true;
        return written;
    }

    public void Dispose()
    {
        if (!_completed)
        {
            foreach (var file in _files.Values)
            {
                file.Abort();
            }
        }
    }

    /// <summary>The key=value folders of a row's partition values, as Spark names them (nulls as __HIVE_DEFAULT_PARTITION__).</summary>
    private string FolderOf(object row)
    {
        var parts = new string[_folderColumns.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var column = _folderColumns[i];
            var value = _getters[column](row);
            var text = value is null ? "__HIVE_DEFAULT_PARTITION__" : Uri.EscapeDataString(value as string ?? Format(value, CultureInfo.InvariantCulture));
            parts[i] = $"{_members.Names[column]}={(text.Length == 0 ? "__HIVE_DEFAULT_PARTITION__" : text)}";
        }

        return string.Join(Path.DirectorySeparatorChar, parts);
    }

    private OpenFile FileFor(string folder)
    {
        if (!_files.TryGetValue(folder, out var file))
        {
            var directory = Path.Combine(_spec.JobFolder, folder);
            Directory.CreateDirectory(directory);
            file = new OpenFile(this, Path.Combine(directory, $"part-{_partition:00000}{_spec.Extension}"));
            _files[folder] = file;
        }

        return file;
    }

    /// <summary>One file being written: its attempt file and the format's writer.</summary>
    private sealed class OpenFile
    {
        private readonly string _final;
        private readonly string _inProgress;
        private readonly FileStream _stream;
        private readonly StreamWriter? _text;
        private readonly Utf8JsonWriter? _json;
        private readonly ParquetRowWriter? _parquet;
        private long _rows;

        public OpenFile(RowFileWriter owner, string final)
        {
            var spec = owner._spec;
            _final = final;
            _inProgress = $"{final}.attempt{owner._attempt}";
            _stream = new FileStream(_inProgress, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            if (spec.Format == "parquet")
            {
                _parquet = new ParquetRowWriter(_stream, owner._rowType, owner._members, owner._written);
            }
            else if (spec.Format == "json")
            {
                _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }
            else
            {
                _text = new StreamWriter(_stream, new UTF8Encoding(false), 1 << 16);
                if (spec.Header)
                {
                    _text.Write(string.Join(spec.Delimiter.ToString(), owner._written.Select(c => Quote(owner._members.Names[c], spec.Delimiter))));
                    _text.Write('\n');
                }
            }
        }

        public void Write(RowFileWriter owner, object row)
        {
            if (_parquet is not null)
            {
                _parquet.Add(row);
            }
            else if (_json is not null)
            {
                owner.WriteJson(_json, _stream, row);
            }
            else
            {
                owner.WriteCsv(_text!, row);
            }

            _rows++;
        }

        public WrittenFile Complete(int partition)
        {
            _parquet?.Finish();
            Close();
            File.Move(_inProgress, _final, overwrite: true);
            return new WrittenFile(partition, _final, _rows);
        }

        public void Abort()
        {
            Close();
            File.Delete(_inProgress);
        }

        private void Close()
        {
            _parquet?.Dispose();
            _json?.Dispose();
            _text?.Dispose();
            _stream.Dispose();
        }
    }

    private void WriteCsv(StreamWriter text, object row)
    {
        var delimiter = _spec.Delimiter;
        for (var i = 0; i < _written.Length; i++)
        {
            if (i > 0)
            {
                text.Write(delimiter);
            }

            var value = _getters[_written[i]](row);
            text.Write(value switch
            {
                null => _spec.NullValue ?? "",
                string s => s.Length == 0 || NeedsQuotes(s, delimiter) || s == _spec.NullValue ? Quote(s, delimiter, force: true) : s,
                _ => Quote(Format(value, _culture), delimiter),
            });
        }

        text.Write('\n');
    }

    private void WriteJson(Utf8JsonWriter json, Stream stream, object row)
    {
        json.WriteStartObject();
        foreach (var c in _written)
        {
            json.WritePropertyName(_members.Names[c]);
            switch (_getters[c](row))
            {
                case null:
                    json.WriteNullValue();
                    break;
                case bool flag:
                    json.WriteBooleanValue(flag);
                    break;
                case string s:
                    json.WriteStringValue(s);
                    break;
                case Enum e:
                    json.WriteStringValue(e.ToString());
                    break;
                case var number and (sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal):
                    json.WriteRawValue(Format(number, CultureInfo.InvariantCulture));
                    break;
                case var other:
                    json.WriteStringValue(Format(other, CultureInfo.InvariantCulture));
                    break;
            }
        }

        json.WriteEndObject();
        json.Flush();
        json.Reset();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>A value as text that the readers parse back to the same value (round-trip numbers, ISO dates).</summary>
    private static string Format(object value, CultureInfo culture) => value switch
    {
        double d => double.IsFinite(d) ? d.ToString("R", culture) : d.ToString(CultureInfo.InvariantCulture),
        float f => f.ToString("R", culture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, culture),
        _ => value.ToString() ?? "",
    };

    private static bool NeedsQuotes(string s, char delimiter) => s.AsSpan().IndexOfAny(['"', '\n', '\r', delimiter]) >= 0 || s != s.Trim();

    private static string Quote(string s, char delimiter, bool force = false) =>
        force || NeedsQuotes(s, delimiter) ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;

    private static Func<object, object?> Getter(Type rowType, ColumnSpec column)
    {
        var row = Expression.Parameter(typeof(object), "row");
        var read = Expression.MakeMemberAccess(Expression.Convert(row, rowType), column.Member);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), row).Compile();
    }
}
