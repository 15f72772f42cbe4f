namespace Linq.Spark.Analyzers.Tests;

public sealed class DiscardedSortCodeFixTests
{
    [Fact]
    public Task MethodSyntax_removesOrderByAndThenBy() => CodeFixVerifier<DiscardedSortAnalyzer, DiscardedSortCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data)
                    .Where(o => o.Paid)
                    .{|LQS004:OrderBy(o => o.Amount)|}
                    .ThenByDescending(o => o.Id)
                    .GroupBy(o => o.Customer)
                    .ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data)
                    .Where(o => o.Paid)
                    .GroupBy(o => o.Customer)
                    .ToList();
        }
        """);

    [Fact]
    public Task QuerySyntax_removesOrderbyClause() => CodeFixVerifier<DiscardedSortAnalyzer, DiscardedSortCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                (from o in s.Parallelize(data)
                 orderby {|LQS004:o.Amount|}, o.Id
                 group o by o.Customer).ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data) =>
                (from o in s.Parallelize(data)
                 group o by o.Customer).ToList();
        }
        """);

    [Fact]
    public Task SortInAnotherVariable_offersNoFix() => CodeFixVerifier<DiscardedSortAnalyzer, DiscardedSortCodeFix>.VerifyNoFixAsync("""
        class C
        {
            object M(SparkSession s, Order[] data)
            {
                var sorted = s.Parallelize(data).OrderBy(o => o.Amount);
                return (sorted.{|LQS004:Distinct()|}.ToList(), sorted.Take(3).ToList());
            }
        }
        """);
}
