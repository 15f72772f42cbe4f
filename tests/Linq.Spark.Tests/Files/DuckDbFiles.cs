using DuckDB.NET.Data;

namespace Linq.Spark.Tests;

/// <summary>Writes <see cref="FileRow"/>s to files with DuckDB's COPY, the independent writer the readers are checked against.</summary>
public static class DuckDbFiles
{
    /// <summary>Copies <paramref name="rows"/> to <paramref name="path"/> in id order with DuckDB's COPY options (for example "FORMAT CSV, HEADER").</summary>
    public static void Copy(IReadOnlyList<FileRow> rows, string path, string options)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, """
            create table t (id integer, text varchar, big bigint, ratio double, price decimal(12, 2), day date,
                "at" timestamp, flag boolean, kind varchar, maybe integer)
            """);
        using (var appender = connection.CreateAppender("t"))
        {
            foreach (var r in rows)
            {
                appender.CreateRow()
                    .AppendValue(r.Id).AppendValue(r.Text).AppendValue(r.Big).AppendValue(r.Ratio).AppendValue(r.Price)
                    .AppendValue(r.Day).AppendValue(r.At).AppendValue(r.Flag).AppendValue(r.Kind.ToString()).AppendValue(r.Maybe)
                    .EndRow();
            }
        }

        Execute(connection, $"copy (select * from t order by id) to '{path.Replace("'", "''", StringComparison.Ordinal)}' ({options})");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
