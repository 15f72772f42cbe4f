namespace Linq.Spark.Buffers;

/// <summary>A row with its key, as a GroupBy spills its groups' elements.</summary>
internal readonly record struct KeyedRow<TKey, TRow>(TKey Key, TRow Row);
