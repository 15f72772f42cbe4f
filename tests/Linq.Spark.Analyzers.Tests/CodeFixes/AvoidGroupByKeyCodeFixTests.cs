namespace Linq.Spark.Analyzers.Tests;

public sealed class AvoidGroupByKeyCodeFixTests
{
    [Fact]
    public Task SelectThenAggregate_foldsIntoAggregate() => CodeFixVerifier<AvoidGroupByKeyAnalyzer, AvoidGroupByKeyCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer)
                    .Select(g => new
                    {
                        g.Key,
                        Total = {|LQS001:g.Select(x => x.Amount).Sum()|},
                        Top = {|LQS001:g.Select(x => x.Qty).Max()|},
                        N = {|LQS001:g.Select(x => x.Id).Count()|},
                        Paid = {|LQS001:g.Where(x => x.Paid).LongCount()|},
                    })
                    .ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer)
                    .Select(g => new
                    {
                        g.Key,
                        Total = g.Sum(x => x.Amount),
                        Top = g.Max(x => x.Qty),
                        N = g.Count(),
                        Paid = g.LongCount(x => x.Paid),
                    })
                    .ToList();
        }
        """);

    [Fact]
    public Task AggregateSumFromZero_becomesSum() => CodeFixVerifier<AvoidGroupByKeyAnalyzer, AvoidGroupByKeyCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => {|LQS001:g.Aggregate(0m, (total, x) => total + x.Amount * x.Qty)|}).ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Sum(x => x.Amount * x.Qty)).ToList();
        }
        """);

    [Fact]
    public Task MaterializedGroupOrNonZeroSeed_offersNoFix() => CodeFixVerifier<AvoidGroupByKeyAnalyzer, AvoidGroupByKeyCodeFix>.VerifyNoFixAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer)
                    .Select(g => new
                    {
                        All = {|LQS001:g.ToList()|},
                        Plus = {|LQS001:g.Aggregate(10, (a, x) => a + x.Qty)|},
                        Widened = {|LQS001:g.Aggregate(0L, (a, x) => a + x.Qty)|},
                        Product = {|LQS001:g.Aggregate(1, (a, x) => a * x.Qty)|},
                    })
                    .ToList();
        }
        """);

    [Fact]
    public Task MaterializedGroupThenAggregate_offersNoFix() => CodeFixVerifier<AvoidGroupByKeyAnalyzer, AvoidGroupByKeyCodeFix>.VerifyNoFixAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer)
                    .Select(g => new { g.Key, Total = {|LQS001:g.ToList().Sum(v => v.Amount)|}, N = {|LQS001:g.ToList().Count()|} })
                    .ToList();
        }
        """);
}
