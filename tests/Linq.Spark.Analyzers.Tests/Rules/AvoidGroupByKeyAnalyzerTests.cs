namespace Linq.Spark.Analyzers.Tests;

public sealed class AvoidGroupByKeyAnalyzerTests
{
    [Fact]
    public Task GroupBy_groupToList_reports() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => new { g.Key, Items = {|LQS001:g.ToList()|} }).ToList();
        }
        """);

    [Fact]
    public Task GroupBy_querySyntaxSelectThenSum_reports() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                (from o in s.Parallelize(data)
                 group o by o.Customer into g
                 select new { g.Key, Total = {|LQS001:g.Select(x => x.Amount).Sum()|} }).ToList();
        }
        """);

    [Fact]
    public Task GroupBy_groupToListThenSumInAnonymousProjection_reports() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer)
                    .Select(g => new { g.Key, Total = {|LQS001:g.ToList().Sum(v => v.Amount)|}, N = {|LQS001:g.ToArray().Count()|} })
                    .ToList();
        }
        """);

    [Fact]
    public Task GroupBy_querySyntaxGroupToListThenSum_reports() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                (from o in s.Parallelize(data)
                 group o by o.Customer into g
                 select new { g.Key, Total = {|LQS001:g.ToList().Sum(v => v.Amount)|} }).ToList();
        }
        """);

    [Fact]
    public Task GroupBy_groupToListThenSelectThenMax_reportsOnce() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => {|LQS001:g.ToList().Select(v => v.Qty).Max()|}).ToList();
        }
        """);

    [Fact]
    public Task GroupBy_whereThenCount_reports() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => {|LQS001:g.Where(x => x.Paid).Count()|}).ToList();
        }
        """);

    [Fact]
    public Task GroupBy_aggregateWithAssociativeBody_reports() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer)
                    .Select(g => new
                    {
                        Sum = {|LQS001:g.Aggregate(0m, (a, x) => a + x.Amount)|},
                        Max = {|LQS001:g.Aggregate(0, (a, x) => Math.Max(a, x.Qty))|},
                    })
                    .ToList();
        }
        """);

    [Fact]
    public Task GroupBy_aggregateWithNonAssociativeBody_doesNotReport() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer).Select(g => g.Aggregate(0, (a, x) => a * 2 + x.Qty)).ToList();
        }
        """);

    [Fact]
    public Task GroupBy_resultSelectorMaterializesGroup_reports() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer, (k, g) => new { k, All = {|LQS001:g.ToArray()|} }).ToList();
        }
        """);

    [Fact]
    public Task GroupBy_aggregatesOnly_doesNotReport() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => o.Customer)
                    .Select(g => new { g.Key, Total = g.Sum(x => x.Amount), N = g.Count(), Top = g.Max(x => x.Qty) })
                    .ToList();
        }
        """);

    [Fact]
    public Task GroupBy_throughLocalAndSparkParameter_reports() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data)
            {
                var orders = s.Parallelize(data).Where(o => o.Paid);
                return orders.GroupBy(o => o.Customer).Select(g => {|LQS001:g.ToList()|}).ToList();
            }

            object N(ISparkQueryable<Order> orders)
            {
                var groups = orders.GroupBy(o => o.Customer);
                return groups.Select(g => {|LQS001:g.ToList()|}).ToList();
            }
        }
        """);

    [Fact]
    public Task GroupBy_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<AvoidGroupByKeyAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx, Order[] data)
            {
                var ef = ctx.Orders.GroupBy(o => o.Customer).Select(g => g.ToList()).ToList();
                var local = data.AsQueryable().GroupBy(o => o.Customer).Select(g => g.Select(x => x.Amount).Sum()).ToList();
                return (ef, local);
            }
        }
        """);
}
