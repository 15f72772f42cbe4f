namespace Linq.Spark.Compilation.Vectorization;

/// <summary>A SIMD form of a pipeline: either the reason it has none, or its compiled kernel.</summary>
internal interface IVectorKernel
{
    /// <summary>Why the pipeline cannot run as SIMD, or null when it can.</summary>
    string? Reason { get; }

    Kernel Compile();
}
