using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Reflection;

namespace Linq.Spark.Tpch.Tests;

/// <summary>
/// Rows of a query result in one neutral shape, so DuckDB's answer and the LINQ answer can be compared:
/// integers as <see cref="long"/>, other numbers as <see cref="double"/>, characters as strings, dates as <see cref="DateOnly"/>.
/// </summary>
internal static class QueryResult
{
    public static List<object?[]> FromRecords(IEnumerable rows)
    {
        var result = new List<object?[]>();
        PropertyInfo[]? members = null;
        foreach (object row in rows)
        {
            // Positional records: the primary constructor's parameters give the column order.
            members ??= [.. row.GetType().GetConstructors().Single().GetParameters()
                .Select(p => row.GetType().GetProperty(p.Name!)!)];
            result.Add([.. members.Select(m => Normalize(m.GetValue(row)))]);
        }

        return result;
    }

    public static List<object?[]> FromReader(DbDataReader reader)
    {
        var result = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = Normalize(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            result.Add(row);
        }

        return result;
    }

    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string s => s,
        char c => c.ToString(),
        int or long or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        BigInteger b => (long)b,
        double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw new NotSupportedException($"Unexpected result value {value} of type {value.GetType()}."),
    };

    public static string Format(object?[] row) =>
        "(" + string.Join(", ", row.Select(v => v switch
        {
            null => "NULL",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        })) + ")";
}
