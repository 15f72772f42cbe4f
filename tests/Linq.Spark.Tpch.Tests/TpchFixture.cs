using DuckDB.NET.Data;

namespace Linq.Spark.Tpch.Tests;

/// <summary>Generates SF 0.01 once per test run and loads the same rows into an in-memory DuckDB database.</summary>
public sealed class TpchFixture : IDisposable
{
    /// <summary>The scale factor every query test runs at.</summary>
    public const double ScaleFactor = 0.01;

    /// <summary>Generates the data and loads DuckDB.</summary>
    public TpchFixture()
    {
        Data = new TpchGenerator(ScaleFactor).Generate();
        Tables = Data.ToQueryable();
        DuckDb = DuckDbTpch.Open(Data);
    }

    /// <summary>The generated rows.</summary>
    public TpchData Data { get; }

    /// <summary>The rows as LINQ to Objects queryables.</summary>
    public TpchTables Tables { get; }

    /// <summary>An in-memory DuckDB database holding the same rows.</summary>
    public DuckDBConnection DuckDb { get; }

    /// <inheritdoc />
    public void Dispose() => DuckDb.Dispose();
}
