using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>What an operator needs of its input's layout (Spark's Distribution).</summary>
internal abstract record Distribution
{
    public static readonly Distribution Unspecified = new UnspecifiedDistribution();

    public static readonly Distribution AllTuples = new AllTuplesDistribution();
}

/// <summary>Any layout will do.</summary>
internal sealed record UnspecifiedDistribution : Distribution;

/// <summary>Every row in one partition, in input order.</summary>
internal sealed record AllTuplesDistribution : Distribution;

/// <summary>Rows with equal keys in the same partition; joins also fix the partition count so both sides line up.</summary>
internal sealed record ClusteredDistribution(LambdaExpression Key, Expression? Comparer, int? RequiredPartitions, string? Display = null) : Distribution;

/// <summary>Partitions hold consecutive key ranges, in order.</summary>
internal sealed record OrderedDistribution(IReadOnlyList<SortKey> Keys) : Distribution;
