namespace Linq.Spark.Compilation;

/// <summary>A compiled stage pipeline: reads one partition (a row array or a column batch) and pushes every output row into the sink.</summary>
internal delegate void Kernel(object input, int count, object sink, object?[] parameters, TaskControl control);
