namespace Linq.Spark.Analyzers.Tests;

public sealed class MissingCacheCodeFixTests
{
    [Fact]
    public Task MethodChain_getsCache() => CodeFixVerifier<MissingCacheAnalyzer, MissingCacheCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data)
            {
                var paid = s.Parallelize(data).Where(o => o.Paid);
                return (paid.Count(), paid.{|LQS009:ToList()|});
            }
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data)
            {
                var paid = s.Parallelize(data).Where(o => o.Paid).Cache();
                return (paid.Count(), paid.ToList());
            }
        }
        """);

    [Fact]
    public Task QueryExpression_isParenthesized() => CodeFixVerifier<MissingCacheAnalyzer, MissingCacheCodeFix>.VerifyAsync("""
        class C
        {
            int M(SparkSession s, Order[] data)
            {
                var paid = from o in s.Parallelize(data) where o.Paid select o.Qty;
                var total = 0;
                foreach (var limit in new[] { 1, 2, 3 })
                {
                    total += paid.{|LQS009:Count(q => q > limit)|};
                }

                return total;
            }
        }
        """, """
        class C
        {
            int M(SparkSession s, Order[] data)
            {
                var paid = (from o in s.Parallelize(data) where o.Paid select o.Qty).Cache();
                var total = 0;
                foreach (var limit in new[] { 1, 2, 3 })
                {
                    total += paid.Count(q => q > limit);
                }

                return total;
            }
        }
        """);
}
