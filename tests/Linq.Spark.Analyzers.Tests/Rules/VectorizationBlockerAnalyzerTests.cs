namespace Linq.Spark.Analyzers.Tests;

public sealed class VectorizationBlockerAnalyzerTests
{
    [Fact]
    public Task Where_callsUserMethod_reports() => AnalyzerVerifier<VectorizationBlockerAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).Where(o => o.Paid && {|LQS011:Helpers.IsVip(o.Customer)|}).ToList();
        }
        """);

    [Fact]
    public Task SelectAndKey_callStringMethods_report() => AnalyzerVerifier<VectorizationBlockerAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                (s.Parallelize(data).Select(o => {|LQS011:o.Customer.ToUpperInvariant()|}).ToList(),
                 (from o in s.Parallelize(data) group o by {|LQS011:o.Customer.Substring(0, 1)|} into g select g.Key).ToList());
        }
        """);

    [Fact]
    public Task Where_vectorizableExpression_doesNotReport() => AnalyzerVerifier<VectorizationBlockerAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, DateOnly from, int[] ids)
            {
                var lo = 10m;
                return s.Parallelize(data)
                    .Where(o => o.Date >= from && Math.Abs(o.Qty) > 2 && (o.Paid ? o.Amount : -o.Amount) > lo && (double)o.Qty < 3.5)
                    .Where(o => ids.Contains(o.Id))
                    .Select(o => new { o.Id, Max = Math.Max(o.Qty, 1), Min = Math.Min(o.Amount, lo) })
                    .ToList();
            }
        }
        """);

    [Fact]
    public Task Select_groupAggregates_doNotReport() => AnalyzerVerifier<VectorizationBlockerAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer)
                    .Select(g => new { g.Key, Total = g.Sum(x => x.Amount), Paid = g.Where(x => x.Paid).Count(), All = g.ToList() })
                    .ToList();
        }
        """);

    [Fact]
    public Task Lambda_otherOperators_doNotReport() => AnalyzerVerifier<VectorizationBlockerAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).Aggregate(0, (a, o) => a + o.Customer.GetHashCode());
        }
        """);

    [Fact]
    public Task Where_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<VectorizationBlockerAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx, Order[] data) =>
                (ctx.Orders.Where(o => Helpers.IsVip(o.Customer)).ToList(),
                 data.AsQueryable().Select(o => o.Customer.ToUpperInvariant()).ToList());
        }
        """);
}
