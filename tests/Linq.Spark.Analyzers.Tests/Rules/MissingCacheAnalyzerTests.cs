namespace Linq.Spark.Analyzers.Tests;

public sealed class MissingCacheAnalyzerTests
{
    [Fact]
    public Task Local_twoActions_reportsTheSecond() => AnalyzerVerifier<MissingCacheAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data)
            {
                var paid = s.Parallelize(data).Where(o => o.Paid);
                var count = paid.Count();
                var big = paid.Where(o => o.Amount > 100).{|LQS009:ToList()|};
                var sum = paid.Sum(o => o.Amount);
                return (count, big, sum);
            }
        }
        """);

    [Fact]
    public Task Local_actionInsideLoop_reports() => AnalyzerVerifier<MissingCacheAnalyzer>.VerifyAsync("""
        class C
        {
            int M(SparkSession s, Order[] data)
            {
                var paid = s.Parallelize(data).Where(o => o.Paid);
                var total = 0;
                for (var i = 0; i < 10; i++)
                {
                    total += paid.{|LQS009:Count(o => o.Qty > i)|};
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Local_foreachThenAction_reports() => AnalyzerVerifier<MissingCacheAnalyzer>.VerifyAsync("""
        class C
        {
            int M(SparkSession s, Order[] data)
            {
                var paid = s.Parallelize(data).Where(o => o.Paid);
                var n = 0;
                foreach (var o in paid)
                {
                    n += o.Qty;
                }

                return n + paid.{|LQS009:Count()|};
            }
        }
        """);

    [Fact]
    public Task Local_cached_doesNotReport() => AnalyzerVerifier<MissingCacheAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data)
            {
                var paid = s.Parallelize(data).Where(o => o.Paid).Cache();
                var count = paid.Count();
                var all = paid.ToList();
                for (var i = 0; i < 3; i++)
                {
                    count += paid.Count();
                }

                return (count, all);
            }
        }
        """);

    [Fact]
    public Task Local_oneActionAndLoopLocal_doesNotReport() => AnalyzerVerifier<MissingCacheAnalyzer>.VerifyAsync("""
        class C
        {
            int M(SparkSession s, Order[] data)
            {
                var paid = s.Parallelize(data).Where(o => o.Paid);
                var total = paid.Count();
                for (var i = 0; i < 3; i++)
                {
                    var slice = s.Parallelize(data).Where(o => o.Qty == i);
                    total += slice.Count();
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Local_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<MissingCacheAnalyzer>.VerifyAsync("""
        class C
        {
            object M(ShopContext ctx, Order[] data)
            {
                var ef = ctx.Orders.Where(o => o.Paid);
                var local = data.AsQueryable().Where(o => o.Paid);
                return (ef.Count(), ef.ToList(), local.Count(), local.ToList());
            }
        }
        """);
}
