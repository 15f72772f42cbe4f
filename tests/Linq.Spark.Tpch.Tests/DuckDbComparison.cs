using System.Collections;
using DuckDB.NET.Data;

namespace Linq.Spark.Tpch.Tests;

/// <summary>Runs a query as standard SQL in DuckDB and as LINQ, and describes the first difference.</summary>
internal static class DuckDbComparison
{
    /// <summary>The output columns (0-based) of each query's order by, in order; empty for single-row answers.</summary>
    private static readonly Dictionary<int, int[]> OrderColumns = new()
    {
        [1] = [0, 1],
        [2] = [0, 2, 1, 3],
        [3] = [1, 2],
        [4] = [0],
        [5] = [1],
        [6] = [],
        [7] = [0, 1, 2],
        [8] = [0],
        [9] = [0, 1],
        [10] = [2],
        [11] = [1],
        [12] = [0],
        [13] = [1, 0],
        [14] = [],
        [15] = [0],
        [16] = [3, 0, 1, 2],
        [17] = [],
        [18] = [4, 3],
        [19] = [],
        [20] = [0],
        [21] = [1, 0],
        [22] = [0],
    };

    /// <summary>Returns null when query <paramref name="number"/> over <paramref name="tables"/> answers as DuckDB does, otherwise the first difference.</summary>
    public static string? Difference(int number, TpchTables tables, DuckDBConnection duckDb)
    {
        var expected = RunDuckDb(number, duckDb);
        var actual = QueryResult.FromRecords((IEnumerable)TpchQueries.ByNumber(number, tables));
        var difference = ResultComparer.Difference(expected, actual, OrderColumns[number]);
        return difference is null ? null : $"Q{number}: {difference}";
    }

    private static List<object?[]> RunDuckDb(int number, DuckDBConnection duckDb)
    {
        using var command = duckDb.CreateCommand();
        command.CommandText = TpchSql.Query(number);
        using var reader = command.ExecuteReader();
        return QueryResult.FromReader(reader);
    }
}
