using System.Globalization;
using System.Linq.Expressions;

namespace Linq.Spark.Tests;

/// <summary>
/// The plan cache keys plans by query shape, literals included. Two queries whose answers differ must never share a
/// plan: every pair of literals below that LINQ tells apart (null and "", 0 and 0L, -0.0 and 0.0, 1.0m and 1.00m, an
/// enum and its number, a char and a string, DateTimes a tick or a kind apart…) is run one after the other on one
/// session, in both orders, and each answer is checked against LINQ to Objects.
/// </summary>
public sealed class ShapeKeyTests : IDisposable
{
    private static readonly (object? Value, Type Type)[] Literals =
    [
        (null, typeof(string)), ("", typeof(string)), ("a", typeof(string)), ("a", typeof(object)), ('a', typeof(char)), ('a', typeof(object)),
        (null, typeof(object)), (null, typeof(int?)), (0, typeof(int)), (0, typeof(object)), (0L, typeof(object)), ((short)0, typeof(object)),
        (0.0, typeof(double)), (-0.0, typeof(double)), (double.NaN, typeof(double)), (0.0f, typeof(object)), (-0.0f, typeof(float)),
        (1.0m, typeof(decimal)), (1.00m, typeof(decimal)), (Kind.Alpha, typeof(Kind)), (Kind.Alpha, typeof(object)), (Kind.Beta, typeof(object)),
        (true, typeof(bool)), (false, typeof(object)), (1, typeof(object)),
        (new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), typeof(DateTime)), (new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local), typeof(DateTime)),
        (new DateTime(2024, 1, 1).AddTicks(1), typeof(DateTime)), (TimeSpan.Zero, typeof(TimeSpan)), (TimeSpan.FromTicks(1), typeof(TimeSpan)),
        (new DateOnly(2024, 1, 1), typeof(DateOnly)), (new DateOnly(2024, 1, 2), typeof(object)), (Guid.Empty, typeof(Guid)),
        ("\")(", typeof(string)), ("'", typeof(string)),
    ];

    private static readonly IReadOnlyList<Row> Rows = TestData.Prefix(TestData.Rows, 16);

    private readonly SparkSession _session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });

    [Fact]
    public void PlanCache_everyPairOfLiterals_givesEachQueryItsOwnAnswer()
    {
        var source = _session.Parallelize(Rows, 2);
        var failures = new List<string>();
        for (int i = 0; i < Literals.Length; i++)
        {
            for (int j = 0; j < Literals.Length; j++)
            {
                foreach (var index in new[] { i, j })
                {
                    var describe = DescribeLiteral(Literals[index]);
                    var expected = Rows.AsQueryable().Select(describe).First();
                    var actual = source.Select(describe).First();
                    if (expected != actual)
                    {
                        failures.Add($"after literal #{i}, literal #{index}: expected {expected}, got {actual}");
                    }
                }
            }
        }

        Assert.Empty(failures.Take(5));

        // Literals of their own type stay in the shape (each a plan of its own); a boxed number may become a slot.
        Assert.InRange(_session.Provider.Plans.PlansBuilt, Literals.Count(l => l.Type != typeof(object)), Literals.Length);
    }

    [Fact]
    public void PlanCache_emptyStringThenNull_givesEachCount()
    {
        var source = _session.Parallelize(Rows, 3);

        int empty = source.Count(x => x.Name == "");
        int none = source.Count(x => x.Name == null);

        Assert.Equal(Rows.Count(x => x.Name == ""), empty);
        Assert.Equal(Rows.Count(x => x.Name == null), none);
        Assert.NotEqual(empty, none);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    /// <summary>Type and value of a literal, as text: what a query that returns the literal shows.</summary>
    public static string Describe<T>(Row row, T value) =>
        value is null ? "null" : $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}:{(value is DateTime t ? t.Kind + ":" + t.Ticks : "")}{(value is double d ? BitConverter.DoubleToInt64Bits(d) : 0)}";

    /// <summary><c>x => Describe(x, literal)</c>: the literal is a constant of its declared type, an argument of a call that reads the row, so it stays in the query's shape.</summary>
    private static Expression<Func<Row, string>> DescribeLiteral((object? Value, Type Type) literal)
    {
        var x = Expression.Parameter(typeof(Row), "x");
        var describe = typeof(ShapeKeyTests).GetMethod(nameof(Describe))!.MakeGenericMethod(literal.Type);
        return Expression.Lambda<Func<Row, string>>(Expression.Call(describe, x, Expression.Constant(literal.Value, literal.Type)), x);
    }
}
