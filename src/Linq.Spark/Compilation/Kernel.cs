namespace Linq.Spark.Compilation;

/// <summary>A compiled stage pipeline: reads one partition's rows and pushes every output row into the sink.</summary>
internal delegate void Kernel(Array rows, int count, object sink, object?[] parameters, Execution.TaskContext context);
