namespace Linq.Spark.Analyzers.Tests.EndToEnd;

/// <summary>
/// The test collection of everything that runs a real build of the library: they share its obj/ folders and
/// restore, so they run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealBuilds
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Real builds";
}
