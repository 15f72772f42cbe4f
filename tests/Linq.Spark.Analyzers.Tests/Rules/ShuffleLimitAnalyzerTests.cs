namespace Linq.Spark.Analyzers.Tests;

public sealed class ShuffleLimitAnalyzerTests
{
    [Fact]
    public Task Chain_threeShuffles_reportsTheThird() => AnalyzerVerifier<ShuffleLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Key).Distinct().{|LQS002:OrderBy(k => k)|}.ToList();
        }
        """);

    [Fact]
    public Task Chain_fourShuffles_reportsOnce() => AnalyzerVerifier<ShuffleLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Order[] more) =>
                s.Parallelize(data).Distinct().Union(s.Parallelize(more)).{|LQS002:GroupBy(o => o.Customer)|}.Select(g => g.Key)
                    .Distinct().ToList();
        }
        """);

    [Fact]
    public Task Chain_repartitionAndJoins_areCounted() => AnalyzerVerifier<ShuffleLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data).Repartition(8)
                    .Join(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => o)
                    .{|LQS002:LeftJoin(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => o.Id)|}
                    .ToList();
        }
        """);

    [Fact]
    public Task Chain_twoShuffles_doesNotReport() => AnalyzerVerifier<ShuffleLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Key).Distinct().ToList();
        }
        """);

    [Fact]
    public Task Chain_sortFollowedByTake_isNotCounted() => AnalyzerVerifier<ShuffleLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Key).Distinct().OrderBy(k => k).ThenBy(k => k.Length).Take(10).ToList();
        }
        """);

    [Fact]
    public Task Chain_broadcastJoin_isNotCounted() => AnalyzerVerifier<ShuffleLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] customers) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Key).Distinct()
                    .Join(s.Parallelize(customers).Broadcast(), k => k, c => c.Name, (k, c) => c.Country).ToList();
        }
        """);

    [Fact]
    public Task Chain_continuedThroughLocal_isCountedAsOneQuery() => AnalyzerVerifier<ShuffleLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, string[] names)
            {
                var keys = s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Key);
                var distinct = keys.Distinct();
                return distinct.{|LQS002:Union(s.Parallelize(names))|}.ToList();
            }
        }
        """);

    [Fact]
    public Task Chain_limitFromEditorConfig_isUsed() => AnalyzerVerifier<ShuffleLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Key).{|LQS002:Distinct()|}.ToList();
        }
        """, "linq_spark.max_shuffles = 1");

    [Fact]
    public Task Chain_higherLimitFromEditorConfig_doesNotReport() => AnalyzerVerifier<ShuffleLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Key).Distinct().OrderBy(k => k).ToList();
        }
        """, "linq_spark.max_shuffles = 3");

    [Fact]
    public Task Chain_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<ShuffleLimitAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx, Order[] data) =>
                (ctx.Orders.GroupBy(o => o.Customer).Select(g => g.Key).Distinct().OrderBy(k => k).ToList(),
                 data.AsQueryable().GroupBy(o => o.Customer).Select(g => g.Key).Distinct().OrderBy(k => k).ToList());
        }
        """);
}
