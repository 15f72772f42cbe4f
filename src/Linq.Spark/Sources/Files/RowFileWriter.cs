using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Linq.Spark.Columnar;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// Writes one partition's rows, as they come, to one file of the job's temporary folder, as a task attempt of Spark's
/// FileOutputCommitter does: into an attempt file first, renamed to the partition's file by <see cref="Complete"/>
/// once every row is written, so a failed or retried attempt never leaves half a file where the job will look.
/// Disposing without completing deletes the attempt file.
/// </summary>
internal sealed class RowFileWriter : IDisposable
{
    /// <summary>Each row type's member readers, compiled once rather than in every task.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<object, object?>[]> Getters = new();

    private readonly FileWriteSpec _spec;
    private readonly int _partition;
    private readonly MemberColumns _members;
    private readonly Func<object, object?>[] _getters;
    private readonly CultureInfo _culture;
    private readonly string _final;
    private readonly string _inProgress;
    private readonly FileStream _stream;
    private readonly StreamWriter? _text;
    private readonly Utf8JsonWriter? _json;
    private readonly ParquetRowWriter? _parquet;
    private long _rows;
    private bool _completed;

    public RowFileWriter(FileWriteSpec spec, Type rowType, int partition, int attempt)
    {
        _spec = spec;
        _partition = partition;
        _members = MemberColumns.Of(rowType, spec.Writer);
        _getters = Getters.GetOrAdd(rowType, type => [.. _members.Encoder.Columns.Select(c => Getter(type, c))]);
        _culture = CultureInfo.GetCultureInfo(spec.Culture);
        Directory.CreateDirectory(spec.JobFolder);
        _final = Path.Combine(spec.JobFolder, $"part-{partition:00000}{spec.Extension}");
        _inProgress = $"{_final}.attempt{attempt}";
        _stream = new FileStream(_inProgress, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (spec.Format == "parquet")
        {
            _parquet = new ParquetRowWriter(_stream, rowType, _members);
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
                _text.Write(string.Join(spec.Delimiter.ToString(), _members.Names.Select(n => Quote(n, spec.Delimiter))));
                _text.Write('\n');
            }
        }
    }

    /// <summary>Writes one row (called by the task's kernel for each row of the partition).</summary>
    public void Write(object row)
    {
        if (_parquet is not null)
        {
            _parquet.Add(row);
        }
        else if (_json is not null)
        {
            WriteJson(row);
        }
        else
        {
            WriteCsv(row);
        }

        _rows++;
    }

    /// <summary>Closes the attempt file and renames it to the partition's file.</summary>
    public WrittenFile Complete()
    {
        _parquet?.Finish();
        _parquet?.Dispose();
        _json?.Dispose();
        _text?.Dispose();
        _stream.Dispose();
        File.Move(_inProgress, _final, overwrite: true);
        _completed = true;
        return new WrittenFile(_partition, _final, _rows);
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _parquet?.Dispose();
            _json?.Dispose();
            _text?.Dispose();
            _stream.Dispose();
            File.Delete(_inProgress);
        }
    }

    private void WriteCsv(object row)
    {
        var text = _text!;
        var delimiter = _spec.Delimiter;
        for (var c = 0; c < _getters.Length; c++)
        {
            if (c > 0)
            {
                text.Write(delimiter);
            }

            var value = _getters[c](row);
            text.Write(value switch
            {
                null => _spec.NullValue ?? "",
                string s => s.Length == 0 || NeedsQuotes(s, delimiter) || s == _spec.NullValue ? Quote(s, delimiter, force: true) : s,
                _ => Quote(Format(value, _culture), delimiter),
            });
        }

        text.Write('\n');
    }

    private void WriteJson(object row)
    {
        var json = _json!;
        json.WriteStartObject();
        for (var c = 0; c < _getters.Length; c++)
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
        _stream.WriteByte((byte)'\n');
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
