namespace Linq.Spark.Analyzers.Tests;

public sealed class UnnecessaryRepartitionAnalyzerTests
{
    [Fact]
    public Task Repartition_lowersKnownCount_reports() => AnalyzerVerifier<UnnecessaryRepartitionAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                (s.Parallelize(data, 16).Where(o => o.Paid).{|LQS010:Repartition(4)|}.ToList(),
                 s.Parallelize(data).Repartition(32).Select(o => o.Id).{|LQS010:Repartition(8)|}.ToList());
        }
        """);

    [Fact]
    public Task Repartition_raisesOrUnknownCount_doesNotReport() => AnalyzerVerifier<UnnecessaryRepartitionAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, int n) =>
                (s.Parallelize(data, 4).Repartition(16).ToList(),
                 s.Parallelize(data).Repartition(4).ToList(),
                 s.Parallelize(data, 16).Repartition(n).ToList(),
                 s.Parallelize(data, 16).GroupBy(o => o.Customer).Select(g => g.Key).Repartition(2).ToList());
        }
        """);

    [Fact]
    public Task Repartition_directlyBeforeGroupByOrJoin_reports() => AnalyzerVerifier<UnnecessaryRepartitionAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                (s.Parallelize(data).{|LQS010:Repartition(8)|}.GroupBy(o => o.Customer).Select(g => g.Count()).ToList(),
                 s.Parallelize(data).Join(s.Parallelize(people).{|LQS010:Repartition(8)|}, o => o.Customer, c => c.Name, (o, c) => o.Id).ToList());
        }
        """);

    [Fact]
    public Task Repartition_notFromLinqSpark_doesNotReport() => AnalyzerVerifier<UnnecessaryRepartitionAnalyzer>.VerifyAsync("""
        static class OtherExtensions
        {
            public static IQueryable<T> Repartition<T>(this IQueryable<T> source, int n) => source;
        }

        class C
        {
            object M(ShopContext ctx, Order[] data) =>
                (OtherExtensions.Repartition(ctx.Orders, 8).GroupBy(o => o.Customer).ToList(),
                 OtherExtensions.Repartition(data.AsQueryable(), 2).ToList());
        }
        """);
}
