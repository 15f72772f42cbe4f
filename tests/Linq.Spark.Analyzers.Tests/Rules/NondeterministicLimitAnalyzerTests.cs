namespace Linq.Spark.Analyzers.Tests;

public sealed class NondeterministicLimitAnalyzerTests
{
    [Fact]
    public Task Take_afterGroupBy_reports() => AnalyzerVerifier<NondeterministicLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Key).{|LQS008:Take(10)|}.ToList();
        }
        """);

    [Fact]
    public Task FirstAndSkip_afterDistinctAndJoin_report() => AnalyzerVerifier<NondeterministicLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                (s.Parallelize(data).Select(o => o.Customer).Distinct().{|LQS008:First()|},
                 s.Parallelize(data).Join(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => o).Where(o => o.Paid).{|LQS008:Skip(5)|}.ToList());
        }
        """);

    [Fact]
    public Task Take_afterShuffleThenOrderBy_doesNotReport() => AnalyzerVerifier<NondeterministicLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Key).OrderBy(k => k).Take(10).ToList();
        }
        """);

    [Fact]
    public Task Take_onNarrowChain_doesNotReport() => AnalyzerVerifier<NondeterministicLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                (s.Parallelize(data).Where(o => o.Paid).Take(10).ToList(), s.Parallelize(data).First());
        }
        """);

    [Fact]
    public Task Take_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<NondeterministicLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx, Order[] data) =>
                (ctx.Orders.Select(o => o.Customer).Distinct().Take(10).ToList(),
                 data.AsQueryable().Select(o => o.Customer).Distinct().First());
        }
        """);
}
