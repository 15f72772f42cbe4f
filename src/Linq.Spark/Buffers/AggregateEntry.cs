namespace Linq.Spark.Buffers;

/// <summary>A partial aggregate for one key, as shuffled between the partial and the final aggregation.</summary>
internal readonly record struct AggregateEntry<TKey, TState>(TKey Key, TState State);
