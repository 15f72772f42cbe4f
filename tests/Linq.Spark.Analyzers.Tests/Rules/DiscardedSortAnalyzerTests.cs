namespace Linq.Spark.Analyzers.Tests;

public sealed class DiscardedSortAnalyzerTests
{
    [Fact]
    public Task OrderBy_thenGroupBy_reports() => AnalyzerVerifier<DiscardedSortAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).{|LQS004:OrderBy(o => o.Amount)|}.GroupBy(o => o.Customer).Select(g => g.Count()).ToList();
        }
        """);

    [Fact]
    public Task OrderByThenBy_narrowThenDistinct_reportsOnOrderBy() => AnalyzerVerifier<DiscardedSortAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).{|LQS004:OrderBy(o => o.Amount)|}.ThenBy(o => o.Id).Where(o => o.Paid).Select(o => o.Customer).Distinct().ToList();
        }
        """);

    [Fact]
    public Task OrderBy_querySyntaxBeforeGroup_reports() => AnalyzerVerifier<DiscardedSortAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                (from o in s.Parallelize(data)
                 orderby {|LQS004:o.Amount|}
                 group o by o.Customer).ToList();
        }
        """);

    [Fact]
    public Task OrderBy_onJoinInnerSide_reports() => AnalyzerVerifier<DiscardedSortAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data).Join(s.Parallelize(people).{|LQS004:OrderBy(c => c.Name)|}, o => o.Customer, c => c.Name, (o, c) => o.Id).ToList();
        }
        """);

    [Fact]
    public Task OrderBy_throughLocalThenRepartition_reports() => AnalyzerVerifier<DiscardedSortAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data)
            {
                var sorted = s.Parallelize(data).OrderByDescending(o => o.Amount);
                return sorted.{|LQS004:Repartition(8)|}.ToList();
            }
        }
        """);

    [Fact]
    public Task OrderBy_thenTakeBeforeShuffle_doesNotReport() => AnalyzerVerifier<DiscardedSortAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).OrderBy(o => o.Amount).Take(100).GroupBy(o => o.Customer).Select(g => g.Count()).ToList();
        }
        """);

    [Fact]
    public Task OrderBy_afterShuffle_doesNotReport() => AnalyzerVerifier<DiscardedSortAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Key).OrderBy(k => k).ToList();
        }
        """);

    [Fact]
    public Task OrderBy_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<DiscardedSortAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx, Order[] data) =>
                (ctx.Orders.OrderBy(o => o.Amount).GroupBy(o => o.Customer).ToList(),
                 data.AsQueryable().OrderBy(o => o.Amount).Distinct().ToList());
        }
        """);
}
