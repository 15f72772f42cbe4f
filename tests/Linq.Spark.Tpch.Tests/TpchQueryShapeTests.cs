using System.Collections;
using System.Linq.Expressions;

namespace Linq.Spark.Tpch.Tests;

/// <summary>
/// The shapes the Spark provider relies on: no query source is used inside a lambda (no correlated
/// subqueries), and every query is built from Queryable operators over the tables it was given.
/// </summary>
[Collection(TpchCollection.Name)]
public sealed class TpchQueryShapeTests(TpchFixture fixture)
{
    /// <summary>The query numbers 1..22.</summary>
    public static TheoryData<int> Numbers => [.. Enumerable.Range(1, TpchQueries.Count)];

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Query_uses_no_query_source_inside_a_lambda(int number)
    {
        var query = TpchQueries.ByNumber(number, fixture.Tables);
        var finder = new SubqueryFinder();

        finder.Visit(query.Expression);

        Assert.True(finder.Offender is null, $"Q{number} uses a query inside a lambda: {finder.Offender}");
        Assert.True(finder.QueryableCalls > 0, $"Q{number} holds no Queryable operator.");
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Explain_shows_no_compiler_generated_name(int number)
    {
        using var session = SparkSession.Local(2);
        var query = TpchQueries.ByNumber(number, fixture.Data.ToSpark(session));
        var plan = (string)typeof(SparkQueryableExtensions).GetMethod(nameof(SparkQueryableExtensions.Explain))!
            .MakeGenericMethod(query.ElementType).Invoke(null, [query])!;

        Assert.DoesNotContain("<>", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("__", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("`", plan, StringComparison.Ordinal);
        Assert.Contains("== Physical Plan ==", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void SubqueryFinder_finds_a_correlated_subquery()
    {
        var lines = fixture.Tables.LineItem;
        var correlated = fixture.Tables.Orders.Where(o => lines.Any(l => l.OrderKey == o.OrderKey));
        var finder = new SubqueryFinder();

        finder.Visit(correlated.Expression);

        Assert.NotNull(finder.Offender);
    }

    private sealed class SubqueryFinder : ExpressionVisitor
    {
        private int _lambdaDepth;

        public string? Offender { get; private set; }

        public int QueryableCalls { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (node is not null && _lambdaDepth > 0 && Offender is null
                && node.NodeType is not ExpressionType.Lambda and not ExpressionType.Quote
                && typeof(IQueryable).IsAssignableFrom(node.Type))
            {
                Offender = node.ToString();
            }

            return base.Visit(node);
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _lambdaDepth++;
            var result = base.VisitLambda(node);
            _lambdaDepth--;
            return result;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(Queryable))
            {
                QueryableCalls++;
            }

            return base.VisitMethodCall(node);
        }

        protected override Expression VisitConstant(ConstantExpression node)
        {
            // LINQ to Objects sources are constants; a constant source inside a lambda is a subquery too.
            if (_lambdaDepth > 0 && Offender is null && node.Value is IQueryable)
            {
                Offender = node.ToString();
            }

            return base.VisitConstant(node);
        }
    }
}
