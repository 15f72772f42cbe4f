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
    public Task Join_innerLocalEndingInTake_reports() => AnalyzerVerifier<BroadcastSmallJoinSideAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, Customer[] people)
            {
                var small = s.Parallelize(people).Take(100);
                var big = s.Parallelize(data);
                return big.Join({|LQS006:small|}, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
            }

            object N(ISparkQueryable<Order> big, ISparkQueryable<Customer> other)
            {
                IQueryable<Customer> small = other.Take(100);
                var alias = small;
                return big.LeftJoin({|LQS006:alias|}, o => o.Customer, c => c.Name, (o, c) => o.Id).ToList();
            }
        }
        """);

    [Fact]
    public Task Join_innerLocalNotOnlyTheTakeInitializer_doesNotReport() => AnalyzerVerifier<BroadcastSmallJoinSideAnalyzer>.VerifyAsync("""
        class C
        {
            object Reassigned(SparkSession s, Order[] data, Customer[] people, bool all)
            {
                var small = s.Parallelize(people).Take(100);
                if (all)
                {
                    small = s.Parallelize(people);
                }

                return s.Parallelize(data).Join(small, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
            }

            object PassedByRef(SparkSession s, Order[] data, Customer[] people)
            {
                var small = s.Parallelize(people).Take(100);
                Widen(ref small, s, people);
                return s.Parallelize(data).Join(small, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
            }

            object AssignedLater(SparkSession s, Order[] data, Customer[] people)
            {
                IQueryable<Customer> small;
                small = s.Parallelize(people).Take(100);
                return s.Parallelize(data).Join(small, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
            }

            object AlreadyBroadcast(SparkSession s, Order[] data, Customer[] people)
            {
                var small = s.Parallelize(people).Take(100).Broadcast();
                return s.Parallelize(data).Join(small, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
            }

            object EfInner(ShopContext ctx, SparkSession s, Order[] data)
            {
                var small = ctx.Customers.Take(100);
                return s.Parallelize(data).Join(small, o => o.Customer, c => c.Name, (o, c) => c.Country).ToList();
            }

            static void Widen(ref IQueryable<Customer> q, SparkSession s, Customer[] people) => q = s.Parallelize(people);
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
