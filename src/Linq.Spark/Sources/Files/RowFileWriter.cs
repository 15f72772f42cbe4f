using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Linq.Spark.Columnar;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// Writes one partition's rows to one file of the job's temporary folder, as a task attempt of Spark's
/// FileOutputCommitter does: into an attempt file first, renamed to the partition's file only when every row is
/// written, so a failed or retried attempt never leaves half a file where the job will look.
/// </summary>
internal static class RowFileWriter
{
    /// <summary>Writes <paramref name="rows"/> and returns the partition's file.</summary>
    public static WrittenFile Write(FileWriteSpec spec, Type rowType, IEnumerable<object?> rows, int partition, int attempt)
    {
        var members = MemberColumns.Of(rowType, spec.Format == "json" ? "WriteJson" : "WriteCsv");
        var getters = members.Encoder.Columns.Select(c => Getter(rowType, c)).ToArray();
        Directory.CreateDirectory(spec.JobFolder);
        var final = Path.Combine(spec.JobFolder, $"part-{partition:00000}{spec.Extension}");
        var inProgress = $"{final}.attempt{attempt}";
        long count = 0;
        try
        {
            using (var stream = new FileStream(inProgress, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                count = spec.Format == "json"
                    ? WriteJson(stream, members, getters, rows)
                    : WriteCsv(stream, spec, members, getters, rows);
            }

            File.Move(inProgress, final, overwrite: true);
            return new WrittenFile(partition, final, count);
        }
        catch
        {
            File.Delete(inProgress);
            throw;
        }
    }

    private static long WriteCsv(Stream stream, FileWriteSpec spec, MemberColumns members, Func<object, object?>[] getters, IEnumerable<object?> rows)
    {
        var culture = CultureInfo.GetCultureInfo(spec.Culture);
        using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        var delimiter = spec.Delimiter.ToString();
        if (spec.Header)
        {
            text.Write(string.Join(delimiter, members.Names.Select(n => Quote(n, spec.Delimiter))));
            text.Write('\n');
        }

        long count = 0;
        foreach (var row in rows)
        {
            for (var c = 0; c < getters.Length; c++)
            {
                if (c > 0)
                {
                    text.Write(spec.Delimiter);
                }

                var value = getters[c](row!);
                text.Write(value switch
                {
                    null => spec.NullValue ?? "",
                    string s => s.Length == 0 || NeedsQuotes(s, spec.Delimiter) || s == spec.NullValue ? Quote(s, spec.Delimiter, force: true) : s,
                    _ => Quote(Format(value, culture), spec.Delimiter),
                });
            }

            text.Write('\n');
            count++;
        }

        return count;
    }

    private static long WriteJson(Stream stream, MemberColumns members, Func<object, object?>[] getters, IEnumerable<object?> rows)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long count = 0;
        foreach (var row in rows)
        {
            json.WriteStartObject();
            for (var c = 0; c < getters.Length; c++)
            {
                json.WritePropertyName(members.Names[c]);
                switch (getters[c](row!))
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
                    case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                        json.WriteRawValue(Format(getters[c](row!)!, CultureInfo.InvariantCulture));
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
            count++;
        }

        return count;
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
