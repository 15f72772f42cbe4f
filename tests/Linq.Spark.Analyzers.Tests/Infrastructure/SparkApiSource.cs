namespace Linq.Spark.Analyzers.Tests;

/// <summary>
/// Source documents added to every test compilation: a faithful declaration of the Linq.Spark public API the
/// analyzers match by name (bodies throw), a small model, and an EF-style <c>DbSet</c> that must never be reported.
/// </summary>
internal static class SparkApiSource
{
    /// <summary>The Linq.Spark public surface the analyzers depend on.</summary>
    public const string SparkApi = """
        namespace Linq.Spark
        {
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class SparkSession : IDisposable
            {
                public ISparkQueryable<T> Parallelize<T>(IEnumerable<T> source, int partitions = 0) => throw new NotSupportedException();
                public void Dispose() { }
            }

            public interface ISparkQueryable<out T> : IQueryable<T>
            {
                SparkSession Session { get; }
            }

            public static class SparkQueryableExtensions
            {
                public static ISparkQueryable<T> Repartition<T>(this IQueryable<T> source, int n) => throw new NotSupportedException();
                public static ISparkQueryable<T> Coalesce<T>(this IQueryable<T> source, int n) => throw new NotSupportedException();
                public static ISparkQueryable<T> Cache<T>(this IQueryable<T> source) => throw new NotSupportedException();
                public static ISparkQueryable<T> Broadcast<T>(this IQueryable<T> source) => throw new NotSupportedException();
                public static Task<List<T>> ToListAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public static IAsyncEnumerable<T> AsAsyncEnumerable<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public static string Explain<T>(this IQueryable<T> source) => throw new NotSupportedException();
            }
        }
        """;

    /// <summary>The records the test queries run over, and an EF Core-style context.</summary>
    public const string Model = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Linq;
        using System.Linq.Expressions;

        public enum Region { North, South }

        public enum Weekday { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday }

        public sealed record Order(int Id, string Customer, decimal Amount, int Qty, bool Paid, Region Region, Weekday Day, DateOnly Date);

        public sealed record Customer(string Name, string Country);

        public static class Helpers
        {
            public static bool IsVip(string customer) => customer.Length > 3;
        }

        namespace Ef
        {
            public abstract class DbSet<T> : IQueryable<T>
            {
                public abstract Type ElementType { get; }
                public abstract Expression Expression { get; }
                public abstract IQueryProvider Provider { get; }
                public abstract IEnumerator<T> GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            public abstract class ShopContext
            {
                public abstract DbSet<Order> Orders { get; }
                public abstract DbSet<Customer> Customers { get; }
            }
        }
        """;

    /// <summary>The usings every test body starts with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Linq.Spark;
        using Ef;

        """;
}
