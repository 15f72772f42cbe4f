namespace Linq.Spark.Analyzers.Tests;

public sealed class FilterAfterShuffleCodeFixTests
{
    [Fact]
    public Task GroupBy_keyFilterMovesBefore() => CodeFixVerifier<FilterAfterShuffleAnalyzer, FilterAfterShuffleCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data)
                    .GroupBy(o => o.Customer)
                    .{|LQS005:Where(g => g.Key != "acme" && g.Key.Length > 2)|}
                    .Select(g => g.Count())
                    .ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data)
                    .Where(o => o.Customer != "acme" && o.Customer.Length > 2)
                    .GroupBy(o => o.Customer)
                    .Select(g => g.Count())
                    .ToList();
        }
        """);

    [Fact]
    public Task GroupBy_anonymousKeyMember_isInlined() => CodeFixVerifier<FilterAfterShuffleAnalyzer, FilterAfterShuffleCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).GroupBy(o => new { o.Customer, Big = o.Qty > 10 }).{|LQS005:Where(g => g.Key.Big)|}.Select(g => g.Count()).ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data) =>
                s.Parallelize(data).Where(o => (o.Qty > 10)).GroupBy(o => new { o.Customer, Big = o.Qty > 10 }).Select(g => g.Count()).ToList();
        }
        """);

    [Fact]
    public Task Join_outerSideFilterMovesToOuter() => CodeFixVerifier<FilterAfterShuffleAnalyzer, FilterAfterShuffleCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data)
                    .Join(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => new { o, c.Country })
                    .{|LQS005:Where(t => t.o.Amount > 10)|}
                    .ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data)
                    .Where(o => o.Amount > 10)
                    .Join(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => new { o, c.Country })
                    .ToList();
        }
        """);

    [Fact]
    public Task Join_innerSideFilterMovesToInner() => CodeFixVerifier<FilterAfterShuffleAnalyzer, FilterAfterShuffleCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data)
                    .Join(s.Parallelize(people), o => o.Customer, c => c.Name, (o, c) => c)
                    .{|LQS005:Where(x => x.Country == "FR")|}
                    .ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data)
                    .Join(s.Parallelize(people).Where(c => c.Country == "FR"), o => o.Customer, c => c.Name, (o, c) => c)
                    .ToList();
        }
        """);

    [Fact]
    public Task QuerySyntax_offersNoFix() => CodeFixVerifier<FilterAfterShuffleAnalyzer, FilterAfterShuffleCodeFix>.VerifyNoFixAsync("""
        class C
        {
            object M(SparkSession s, Order[] data) =>
                (from o in s.Parallelize(data)
                 group o by o.Customer into g
                 {|LQS005:where g.Key != "acme"|}
                 select g.Count()).ToList();
        }
        """);
}
