namespace Linq.Spark.Planning.Physical;

/// <summary>Whether an operator's partitions are column batches, and which layout they have.</summary>
internal enum ColumnLayout
{
    /// <summary>Rows, not columns.</summary>
    None,

    /// <summary>The layout of data a source holds: strings dictionary-encoded per batch.</summary>
    Stored,

    /// <summary>The layout of batches a shuffle builds row by row: strings kept as references.</summary>
    Exchanged,
}
