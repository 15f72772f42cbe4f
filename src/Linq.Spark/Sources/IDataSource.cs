using Linq.Spark.Columnar;

namespace Linq.Spark.Sources;

/// <summary>Partitioned data that a scan reads, held as column batches: a parallelized collection or a file reader.</summary>
internal interface IDataSource
{
    /// <summary>Names the source wherever it is: equal ids are the same data (cached blocks are kept by it).</summary>
    Guid Id { get; }

    /// <summary>The element type of the rows.</summary>
    Type ElementType { get; }

    /// <summary>How rows of the element type map to columns.</summary>
    IEncoder Encoder { get; }

    /// <summary>Number of partitions the scan runs tasks for.</summary>
    int NumPartitions { get; }

    /// <summary>Total number of rows, used for broadcast decisions.</summary>
    long RowCount { get; }

    /// <summary>A short description for Explain().</summary>
    string Describe();

    /// <summary>The columns of one partition, as bounded batches in row order, read as they are asked for.</summary>
    IEnumerable<ColumnBatch> GetBatches(int partition);

    /// <summary>
    /// The columns of one partition as <paramref name="request"/> asks: a file source decodes only the columns read
    /// (the others are null in its batches) and skips files and row groups its filters rule out; others read everything.
    /// </summary>
    IEnumerable<ColumnBatch> GetBatches(int partition, ScanRequest request) => GetBatches(partition);

    /// <summary>Whether the source reads files, so a scan of it shows its read schema and pushed filters in Explain.</summary>
    bool ReadsFiles => false;

    /// <summary>Whether member column <paramref name="column"/> takes its values from key=value folders (a partition column).</summary>
    bool IsPartitionColumn(int column) => false;
}
