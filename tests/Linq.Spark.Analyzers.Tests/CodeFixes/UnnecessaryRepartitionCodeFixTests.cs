namespace Linq.Spark.Analyzers.Tests;

public sealed class UnnecessaryRepartitionCodeFixTests
{
    [Fact]
    public Task LoweringRepartition_becomesCoalesce() => CodeFixVerifier<UnnecessaryRepartitionAnalyzer, UnnecessaryRepartitionCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data, 64).Where(o => o.Paid).{|LQS010:Repartition(4)|}.ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data, 64).Where(o => o.Paid).Coalesce(4).ToList();
        }
        """);

    [Fact]
    public Task RepartitionBeforeGroupBy_isRemoved() => CodeFixVerifier<UnnecessaryRepartitionAnalyzer, UnnecessaryRepartitionCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data)
                    .{|LQS010:Repartition(8)|}
                    .GroupBy(o => o.Customer)
                    .Select(g => g.Count())
                    .ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data)
                    .GroupBy(o => o.Customer)
                    .Select(g => g.Count())
                    .ToList();
        }
        """);
}
