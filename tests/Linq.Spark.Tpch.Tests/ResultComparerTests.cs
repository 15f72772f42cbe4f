namespace Linq.Spark.Tpch.Tests;

/// <summary>The comparer the query tests rest on: it must catch wrong values, wrong order and wrong counts, and allow ties.</summary>
public sealed class ResultComparerTests
{
    [Fact]
    public void Difference_of_equal_answers_is_null()
    {
        var rows = Rows(("A", 1L, 10.25), ("B", 2L, 20.5));

        Assert.Null(ResultComparer.Difference(rows, Rows(("A", 1L, 10.25), ("B", 2L, 20.5)), [0]));
    }

    [Fact]
    public void Difference_allows_rounding_noise_but_not_a_cent()
    {
        var expected = Rows(("A", 1L, 1_000_000.25));

        Assert.Null(ResultComparer.Difference(expected, Rows(("A", 1L, 1_000_000.25 + 1e-7)), []));
        Assert.NotNull(ResultComparer.Difference(expected, Rows(("A", 1L, 1_000_000.26)), []));
    }

    [Fact]
    public void Difference_holds_small_values_to_one_part_in_a_million()
    {
        var expected = Rows(("A", 1L, 0.05));

        Assert.Null(ResultComparer.Difference(expected, Rows(("A", 1L, 0.05 + 1e-9)), []));
        Assert.NotNull(ResultComparer.Difference(expected, Rows(("A", 1L, 0.0501)), []));
    }

    [Fact]
    public void Difference_finds_a_wrong_count_a_wrong_integer_and_a_wrong_string()
    {
        var expected = Rows(("A", 1L, 1.0), ("B", 2L, 2.0));

        Assert.NotNull(ResultComparer.Difference(expected, Rows(("A", 1L, 1.0)), [0]));
        Assert.NotNull(ResultComparer.Difference(expected, Rows(("A", 1L, 1.0), ("B", 3L, 2.0)), [0]));
        Assert.NotNull(ResultComparer.Difference(expected, Rows(("A", 1L, 1.0), ("b", 2L, 2.0)), [0]));
    }

    [Fact]
    public void Difference_finds_rows_out_of_order_where_the_query_orders()
    {
        var expected = Rows(("A", 1L, 1.0), ("B", 2L, 2.0));
        var swapped = Rows(("B", 2L, 2.0), ("A", 1L, 1.0));

        Assert.NotNull(ResultComparer.Difference(expected, swapped, [0]));
        Assert.Null(ResultComparer.Difference(expected, swapped, []));
    }

    [Fact]
    public void Difference_allows_any_order_among_rows_that_tie_on_the_sort_key()
    {
        var expected = Rows(("A", 5L, 1.0), ("B", 5L, 2.0), ("C", 4L, 3.0));

        Assert.Null(ResultComparer.Difference(expected, Rows(("B", 5L, 2.0), ("A", 5L, 1.0), ("C", 4L, 3.0)), [1]));
        Assert.NotNull(ResultComparer.Difference(expected, Rows(("B", 5L, 2.0), ("C", 4L, 3.0), ("A", 5L, 1.0)), [1]));
    }

    [Fact]
    public void Normalize_puts_LINQ_and_DuckDB_values_in_one_shape()
    {
        Assert.Equal("R", QueryResult.Normalize('R'));
        Assert.Equal(3L, QueryResult.Normalize(3));
        Assert.Equal(3L, QueryResult.Normalize(new System.Numerics.BigInteger(3)));
        Assert.Equal(2.5, QueryResult.Normalize(2.5m));
        Assert.Equal(new DateOnly(1995, 3, 15), QueryResult.Normalize(new DateTime(1995, 3, 15)));
        Assert.Equal(["R", 1L, 2.5], QueryResult.FromRecords(new[] { new TestRow('R', 1, 2.5) }).Single());
    }

    private static List<object?[]> Rows(params (string, long, double)[] rows) =>
        [.. rows.Select(r => new object?[] { r.Item1, r.Item2, r.Item3 })];

    private sealed record TestRow(char Flag, int Count, double Amount);
}
