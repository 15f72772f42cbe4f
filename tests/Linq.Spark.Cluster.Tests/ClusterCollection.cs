namespace Linq.Spark.Cluster.Tests;

/// <summary>The test classes that share one master and two workers (they kill none of them), run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterProcesses>
{
    public const string Name = "cluster";
}
