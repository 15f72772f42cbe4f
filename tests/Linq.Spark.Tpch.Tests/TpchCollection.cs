namespace Linq.Spark.Tpch.Tests;

/// <summary>The test collection that shares one <see cref="TpchFixture"/> between test classes.</summary>
[CollectionDefinition(Name)]
public sealed class TpchCollection : ICollectionFixture<TpchFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "TPC-H SF 0.01";
}
