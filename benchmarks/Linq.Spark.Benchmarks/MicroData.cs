using DuckDB.NET.Data;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// The micro benchmarks' data, built once per process: the same rows as a List of records (LINQ, PLINQ, Linq.Spark),
/// as plain column arrays (the hand-written SIMD loops) and as a DuckDB in-memory table.
/// </summary>
public sealed class MicroData : IDisposable
{
    public MicroData(int rows, int keys)
    {
        var random = new Random(42);
        Rows = new List<MicroRow>(rows);
        Key = new int[rows];
        A = new long[rows];
        B = new double[rows];
        D = new int[rows];
        var start = new DateOnly(1992, 1, 1).DayNumber;
        for (var i = 0; i < rows; i++)
        {
            var row = new MicroRow(random.Next(keys), random.Next(1_000_000), random.NextDouble() * 1000, DateOnly.FromDayNumber(start + random.Next(2557)));
            Rows.Add(row);
            Key[i] = row.Key;
            A[i] = row.A;
            B[i] = row.B;
            D[i] = row.D.DayNumber;
        }

        DuckDb = new DuckDBConnection("DataSource=:memory:");
        DuckDb.Open();
        Execute("SET threads TO " + Environment.ProcessorCount);
        Execute("CREATE TABLE rows (key INTEGER, a BIGINT, b DOUBLE, d DATE)");
        using (var appender = DuckDb.CreateAppender("rows"))
        {
            foreach (var row in Rows)
            {
                appender.CreateRow().AppendValue(row.Key).AppendValue(row.A).AppendValue(row.B).AppendValue(row.D).EndRow();
            }
        }
    }

    public List<MicroRow> Rows { get; }

    public int[] Key { get; }

    public long[] A { get; }

    public double[] B { get; }

    /// <summary>Dates as day numbers, as a columnar engine stores them.</summary>
    public int[] D { get; }

    public DuckDBConnection DuckDb { get; }

    public object? Scalar(string sql)
    {
        using var command = DuckDb.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public long Rowcount(string sql)
    {
        using var command = DuckDb.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        long count = 0;
        while (reader.Read())
        {
            count++;
        }

        return count;
    }

    public void Dispose() => DuckDb.Dispose();

    private void Execute(string sql)
    {
        using var command = DuckDb.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
