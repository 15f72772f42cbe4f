namespace Linq.Spark.Analyzers.Tests;

public sealed class BroadcastSmallJoinSideCodeFixTests
{
    [Fact]
    public Task InnerEndingInTake_getsBroadcast() => CodeFixVerifier<BroadcastSmallJoinSideAnalyzer, BroadcastSmallJoinSideCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data).Join({|LQS006:s.Parallelize(people).Take(50)|}, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people) =>
                s.Parallelize(data).Join(s.Parallelize(people).Take(50).Broadcast(), o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
        }
        """);

    [Fact]
    public Task InMemoryInner_isParallelizedAndBroadcast() => CodeFixVerifier<BroadcastSmallJoinSideAnalyzer, BroadcastSmallJoinSideCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession session, Order[] data, List<Customer> people) =>
                session.Parallelize(data).Join({|LQS006:people|}, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
        }
        """, """
        class C
        {
            object M(SparkSession session, Order[] data, List<Customer> people) =>
                session.Parallelize(data).Join(session.Parallelize(people).Broadcast(), o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
        }
        """);

    [Fact]
    public Task InMemoryInnerWithoutNamedSession_offersNoFix() => CodeFixVerifier<BroadcastSmallJoinSideAnalyzer, BroadcastSmallJoinSideCodeFix>.VerifyNoFixAsync("""
        class C
        {
            object M(ISparkQueryable<Order> orders, List<Customer> people) =>
                orders.Join({|LQS006:people|}, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
        }
        """);

    [Fact]
    public Task InnerLocalEndingInTake_getsBroadcastAtTheJoin() => CodeFixVerifier<BroadcastSmallJoinSideAnalyzer, BroadcastSmallJoinSideCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people)
            {
                var small = s.Parallelize(people).Take(100);
                return s.Parallelize(data).Join({|LQS006:small|}, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
            }
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people)
            {
                var small = s.Parallelize(people).Take(100);
                return s.Parallelize(data).Join(small.Broadcast(), o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
            }
        }
        """);

    [Fact]
    public Task InnerLocalTypedAsEnumerable_offersNoFix() => CodeFixVerifier<BroadcastSmallJoinSideAnalyzer, BroadcastSmallJoinSideCodeFix>.VerifyNoFixAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people)
            {
                IEnumerable<Customer> small = s.Parallelize(people).Take(100);
                return s.Parallelize(data).Join({|LQS006:small|}, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
            }
        }
        """);
}
