namespace Linq.Spark.Query;

/// <summary>Partitioned data that a scan reads: a parallelized collection, a cached block set or a file reader.</summary>
internal interface IDataSource
{
    /// <summary>The element type of the rows.</summary>
    Type ElementType { get; }

    /// <summary>Number of partitions the scan runs tasks for.</summary>
    int NumPartitions { get; }

    /// <summary>Total number of rows, used for broadcast decisions.</summary>
    long RowCount { get; }

    /// <summary>A short description for Explain().</summary>
    string Describe();

    /// <summary>The rows of one partition, as a T[].</summary>
    Array GetPartition(int partition);
}
