namespace Linq.Spark.Analyzers.Tests;

public sealed class BroadcastSmallJoinSideAnalyzerTests
{
    [Fact]
    public Task Join_innerInMemoryList_reports() => AnalyzerVerifier<BroadcastSmallJoinSideAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, List<Customer> people) =>
                s.Parallelize(data).Join({|LQS006:people|}, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
        }
        """);

    [Fact]
    public Task Join_innerEndsInTake_reports() => AnalyzerVerifier<BroadcastSmallJoinSideAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data).GroupJoin({|LQS006:s.Parallelize(people).Take(50)|}, o => o.Customer, c => c.Name, (o, cs) => o.Id).ToList();
        }
        """);

    [Fact]
    public Task Join_innerBroadcast_doesNotReport() => AnalyzerVerifier<BroadcastSmallJoinSideAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data).Join(s.Parallelize(people).Take(50).Broadcast(), o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
        }
        """);

    [Fact]
    public Task Join_innerSessionQuery_doesNotReport() => AnalyzerVerifier<BroadcastSmallJoinSideAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data).Join(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
        }
        """);

    [Fact]
    public Task Join_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<BroadcastSmallJoinSideAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx, Order[] data, List<Customer> people) =>
                (ctx.Orders.Join(people, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList(),
                 data.AsQueryable().Join(people.AsQueryable().Take(5), o => o.Customer, c => c.Name, (o, c) => c.Country).ToList());
        }
        """);
}
