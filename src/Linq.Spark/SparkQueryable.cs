using System.Collections;
using System.Linq.Expressions;
using Linq.Spark.Sources;

namespace Linq.Spark;

/// <summary>The IQueryable that Linq.Spark hands out: an expression plus the provider that runs it on a session.</summary>
internal sealed class SparkQueryable<T> : ISparkQueryable<T>, IOrderedQueryable<T>, ISparkQuery
{
    /// <summary>Creates a root query over a data source.</summary>
    public SparkQueryable(SparkQueryProvider provider, IDataSource source)
    {
        Provider = provider;
        Source = source;
        Expression = Expression.Constant(this);
    }

    /// <summary>Creates a query from an operator expression.</summary>
    public SparkQueryable(SparkQueryProvider provider, Expression expression)
    {
        Provider = provider;
        Expression = expression;
    }

    public SparkQueryProvider Provider { get; }

    /// <summary>The data this root query scans; null for operator queries.</summary>
    public IDataSource? Source { get; }

    public Expression Expression { get; }

    public Type ElementType => typeof(T);

    public SparkSession Session => Provider.Session;

    IQueryProvider IQueryable.Provider => Provider;

    public IEnumerator<T> GetEnumerator() => Provider.ExecuteSequence<T>(Expression, CancellationToken.None).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Source is null ? Expression.ToString() : Source.Describe();
}
