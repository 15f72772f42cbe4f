namespace Linq.Spark.Analyzers.Tests;

public sealed class CartesianProductAnalyzerTests
{
    [Fact]
    public Task SecondFrom_uncorrelatedSessionQuery_reports() => AnalyzerVerifier<CartesianProductAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people)
            {
                var orders = s.Parallelize(data);
                var customers = s.Parallelize(people).Where(c => c.Country == "FR");
                return (from o in orders
                        {|LQS003:from c in customers|}
                        select new { o.Id, c.Name }).ToList();
            }
        }
        """);

    [Fact]
    public Task SelectMany_uncorrelatedSessionQuery_reports() => AnalyzerVerifier<CartesianProductAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people)
            {
                var customers = s.Parallelize(people);
                return s.Parallelize(data).{|LQS003:SelectMany(o => customers, (o, c) => new { o.Id, c.Name })|}.ToList();
            }
        }
        """);

    [Fact]
    public Task SecondFrom_correlated_doesNotReport() => AnalyzerVerifier<CartesianProductAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people)
            {
                var orders = s.Parallelize(data);
                var customers = s.Parallelize(people);
                return (from o in orders
                        from c in customers.Where(c => c.Name == o.Customer)
                        select new { o.Id, c.Country }).ToList();
            }
        }
        """);

    [Fact]
    public Task SecondFrom_inMemoryCollection_doesNotReport() => AnalyzerVerifier<CartesianProductAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, int[] sizes) =>
                (from o in s.Parallelize(data)
                 from size in sizes
                 select new { o.Id, size }).ToList();
        }
        """);

    [Fact]
    public Task Join_constantKeys_reports() => AnalyzerVerifier<CartesianProductAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data).{|LQS003:Join(s.Parallelize(people), o => 1, c => 1, (o, c) => new { o.Id, c.Name })|}.ToList();
        }
        """);

    [Fact]
    public Task Join_querySyntaxConstantKeys_reports() => AnalyzerVerifier<CartesianProductAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people)
            {
                var customers = s.Parallelize(people);
                return (from o in s.Parallelize(data)
                        {|LQS003:join c in customers on true equals true|}
                        select new { o.Id, c.Name }).ToList();
            }
        }
        """);

    [Fact]
    public Task Join_onColumns_doesNotReport() => AnalyzerVerifier<CartesianProductAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data).Join(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => new { o.Id, c.Country }).ToList();
        }
        """);

    [Fact]
    public Task Cartesian_efCore_doesNotReport() => AnalyzerVerifier<CartesianProductAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx) =>
                ((from o in ctx.Orders from c in ctx.Customers select new { o.Id, c.Name }).ToList(),
                 ctx.Orders.Join(ctx.Customers, o => 1, c => 1, (o, c) => o.Id).ToList());
        }
        """);
}
