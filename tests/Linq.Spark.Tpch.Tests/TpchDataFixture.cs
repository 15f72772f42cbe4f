using DuckDB.NET.Data;

namespace Linq.Spark.Tpch.Tests;

/// <summary>Generates one scale factor's data and loads the same rows into an in-memory DuckDB database.</summary>
public abstract class TpchDataFixture : IDisposable
{
    /// <summary>Generates the data at <paramref name="scaleFactor"/> with the given seed and loads DuckDB.</summary>
    protected TpchDataFixture(double scaleFactor, ulong seed)
    {
        Data = new TpchGenerator(scaleFactor, seed).Generate();
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
    public void Dispose()
    {
        DuckDb.Dispose();
        GC.SuppressFinalize(this);
    }
}
