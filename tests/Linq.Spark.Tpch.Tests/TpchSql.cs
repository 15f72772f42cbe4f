namespace Linq.Spark.Tpch.Tests;

/// <summary>The standard TPC-H SQL text of the 22 queries with the validation parameters, embedded as q1.sql … q22.sql.</summary>
internal static class TpchSql
{
    public static string Query(int number)
    {
        string name = $"Sql.q{number}.sql";
        using var stream = typeof(TpchSql).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
