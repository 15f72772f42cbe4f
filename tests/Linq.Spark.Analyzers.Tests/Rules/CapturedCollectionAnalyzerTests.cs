namespace Linq.Spark.Analyzers.Tests;

public sealed class CapturedCollectionAnalyzerTests
{
    [Fact]
    public Task Where_capturesLocalList_reports() => AnalyzerVerifier<CapturedCollectionAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data)
            {
                var ids = Enumerable.Range(0, 100_000).ToList();
                return s.Parallelize(data).Where(o => {|LQS007:ids|}.Contains(o.Id) || ids.Count > o.Qty).ToList();
            }
        }
        """);

    [Fact]
    public Task Select_capturesDictionaryAndArrayParameter_reports() => AnalyzerVerifier<CapturedCollectionAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Dictionary<string, string> countries, int[] weights) =>
                s.Parallelize(data).Select(o => new { Country = {|LQS007:countries|}[o.Customer], W = {|LQS007:weights|}[o.Qty] }).ToList();
        }
        """);

    [Fact]
    public Task Where_capturesSmallConstantArray_doesNotReport() => AnalyzerVerifier<CapturedCollectionAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data)
            {
                var wanted = new[] { 1, 2, 3 };
                int[] alsoWanted = [4, 5];
                return s.Parallelize(data).Where(o => wanted.Contains(o.Id) || alsoWanted.Contains(o.Id)).ToList();
            }
        }
        """);

    [Fact]
    public Task Where_collectionFromOwnParameter_doesNotReport() => AnalyzerVerifier<CapturedCollectionAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, int[][] rows) =>
                s.Parallelize(rows).Where(r => r.Length > 2).Select(r => r[0]).ToList();
        }
        """);

    [Fact]
    public Task Where_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<CapturedCollectionAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx, Order[] data, List<int> ids) =>
                (ctx.Orders.Where(o => ids.Contains(o.Id)).ToList(),
                 data.AsQueryable().Where(o => ids.Contains(o.Id)).ToList());
        }
        """);
}
