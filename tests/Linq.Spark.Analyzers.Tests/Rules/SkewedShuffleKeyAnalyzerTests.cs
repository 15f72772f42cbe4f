namespace Linq.Spark.Analyzers.Tests;

public sealed class SkewedShuffleKeyAnalyzerTests
{
    [Fact]
    public Task GroupBy_boolConstantAndTinyEnumKeys_report() => AnalyzerVerifier<SkewedShuffleKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                (s.Parallelize(data).{|LQS012:GroupBy(o => o.Paid)|}.Select(g => g.Count()).ToList(),
                 s.Parallelize(data).{|LQS012:GroupBy(o => 1)|}.Select(g => g.Sum(x => x.Amount)).ToList(),
                 s.Parallelize(data).{|LQS012:CountBy(o => o.Region)|}.ToList(),
                 (from o in s.Parallelize(data) {|LQS012:group o by o.Amount > 100|}).ToList());
        }
        """);

    [Fact]
    public Task Join_boolKey_reports() => AnalyzerVerifier<SkewedShuffleKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data).{|LQS012:Join(s.Parallelize(people), o => o.Paid, c => c.Country == "FR", (o, c) => o.Id)|}.ToList();
        }
        """);

    [Fact]
    public Task Keys_wideEnumAndColumns_doNotReport() => AnalyzerVerifier<SkewedShuffleKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                (s.Parallelize(data).GroupBy(o => o.Day).Select(g => g.Count()).ToList(),
                 s.Parallelize(data).GroupBy(o => new { o.Customer, o.Paid }).Select(g => g.Count()).ToList(),
                 s.Parallelize(data).Join(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => o.Id).ToList(),
                 s.Parallelize(data).Join(s.Parallelize(people), o => 1, c => 1, (o, c) => o.Id).ToList());
        }
        """);

    [Fact]
    public Task GroupBy_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<SkewedShuffleKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx, Order[] data) =>
                (ctx.Orders.GroupBy(o => o.Paid).ToList(), data.AsQueryable().GroupBy(o => o.Region).ToList());
        }
        """);
}
