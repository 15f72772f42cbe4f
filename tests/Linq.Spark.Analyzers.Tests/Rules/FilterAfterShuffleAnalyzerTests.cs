namespace Linq.Spark.Analyzers.Tests;

public sealed class FilterAfterShuffleAnalyzerTests
{
    [Fact]
    public Task WhereAfterGroupBy_testsOnlyKey_reports() => AnalyzerVerifier<FilterAfterShuffleAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).{|LQS005:Where(g => g.Key != "acme")|}.Select(g => g.Count()).ToList();
        }
        """);

    [Fact]
    public Task WhereAfterGroupBy_testsAggregate_doesNotReport() => AnalyzerVerifier<FilterAfterShuffleAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Where(g => g.Key != "acme" && g.Count() > 2).Select(g => g.Key).ToList();
        }
        """);

    [Fact]
    public Task WhereAfterJoin_querySyntaxOuterSide_reports() => AnalyzerVerifier<FilterAfterShuffleAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people)
            {
                var customers = s.Parallelize(people);
                return (from o in s.Parallelize(data)
                        join c in customers on o.Customer equals c.Name
                        {|LQS005:where o.Amount > 10|}
                        select new { o.Id, c.Country }).ToList();
            }
        }
        """);

    [Fact]
    public Task WhereAfterJoin_methodSyntaxInnerSide_reports() => AnalyzerVerifier<FilterAfterShuffleAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data)
                    .Join(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => new { o, Country = c.Country })
                    .{|LQS005:Where(t => t.Country == "FR")|}
                    .ToList();
        }
        """);

    [Fact]
    public Task WhereAfterJoin_testsBothSides_doesNotReport() => AnalyzerVerifier<FilterAfterShuffleAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data)
                    .Join(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => new { o, c })
                    .Where(t => t.o.Amount > 10 && t.c.Country == "FR")
                    .ToList();
        }
        """);

    [Fact]
    public Task WhereAfterLeftJoin_onlyOuterSideMoves() => AnalyzerVerifier<FilterAfterShuffleAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people)
            {
                var joined = s.Parallelize(data).LeftJoin(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => new { o, c });
                var inner = joined.Where(t => t.c.Country == "FR").ToList();
                var outer = s.Parallelize(data)
                    .LeftJoin(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => new { o, c })
                    .{|LQS005:Where(t => t.o.Paid)|}
                    .ToList();
                return (inner, outer);
            }
        }
        """);

    [Fact]
    public Task WhereAfterBroadcastJoin_doesNotReport() => AnalyzerVerifier<FilterAfterShuffleAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data)
                    .Join(s.Parallelize(people).Broadcast(), o => o.Customer, c => c.Name, (o, c) => new { o, c })
                    .Where(t => t.o.Paid)
                    .ToList();
        }
        """);

    [Fact]
    public Task WhereAfterShuffle_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<FilterAfterShuffleAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx, Order[] data) =>
                (ctx.Orders.GroupBy(o => o.Customer).Where(g => g.Key != "acme").ToList(),
                 data.AsQueryable().GroupBy(o => o.Customer).Where(g => g.Key != "acme").ToList());
        }
        """);
}
