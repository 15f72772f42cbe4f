using System.Text;

namespace Linq.Spark.Cli.Tpch;

/// <summary>Writes a query's result as CSV (RFC 4180): a header of member names, then every row in member order.</summary>
internal static class CsvResultWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, RowMembers members, IEnumerable<object> rows)
    {
        using var writer = new StreamWriter(path, append: false, Utf8);
        writer.NewLine = "\n";
        WriteLine(writer, members.Names);
        foreach (var row in rows)
        {
            WriteLine(writer, members.Texts(row));
        }
    }

    private static void WriteLine(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Quote(fields[i]));
        }

        writer.WriteLine();
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
