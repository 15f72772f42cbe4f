using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>How an operator's output rows are spread over its partitions (Spark's Partitioning).</summary>
internal abstract record Partitioning(int NumPartitions)
{
    /// <summary>Whether rows laid out this way meet a required distribution without a shuffle.</summary>
    public virtual bool Satisfies(Distribution required) => required switch
    {
        UnspecifiedDistribution => true,
        AllTuplesDistribution => NumPartitions == 1,
        ClusteredDistribution c => NumPartitions == 1 && c.RequiredPartitions is null or 1,
        _ => false,
    };

    public abstract string Describe();
}

/// <summary>Nothing is known about which rows are in which partition.</summary>
internal sealed record UnknownPartitioning(int NumPartitions) : Partitioning(NumPartitions)
{
    public override string Describe() => $"unknownpartitioning({NumPartitions})";
}

/// <summary>All rows in one partition, in order.</summary>
internal sealed record SinglePartitioning() : Partitioning(1)
{
    public override string Describe() => "singlepartition";
}

/// <summary>Rows dealt out in turn (Repartition).</summary>
internal sealed record RoundRobinPartitioning(int NumPartitions) : Partitioning(NumPartitions)
{
    public override string Describe() => $"roundrobinpartitioning({NumPartitions})";
}

/// <summary>Rows placed by the hash of a key: equal keys share a partition.</summary>
internal sealed record HashPartitioning(LambdaExpression Key, Expression? Comparer, int NumPartitions, string? Display = null) : Partitioning(NumPartitions)
{
    public override bool Satisfies(Distribution required) =>
        base.Satisfies(required)
        || (required is ClusteredDistribution c && KeyText.Same(c.Key, Key) && KeyText.Same(c.Comparer, Comparer)
            && (c.RequiredPartitions is null || c.RequiredPartitions == NumPartitions));

    public override string Describe() => $"hashpartitioning({Display ?? KeyText.Of(Key)}, {NumPartitions})";
}

/// <summary>Rows placed by ranges of a sort key: partition i holds keys before those of partition i+1.</summary>
internal sealed record RangePartitioning(IReadOnlyList<SortKey> Keys, int NumPartitions) : Partitioning(NumPartitions)
{
    public override bool Satisfies(Distribution required) =>
        base.Satisfies(required) || (required is OrderedDistribution o && KeyText.Same(o.Keys, Keys));

    public override string Describe() => $"rangepartitioning({string.Join(", ", Keys)}, {NumPartitions})";
}
