namespace Linq.Spark.Tests;

/// <summary>Tests that measure threads or time, and so must not run beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NonParallelCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Non-parallel";
}
