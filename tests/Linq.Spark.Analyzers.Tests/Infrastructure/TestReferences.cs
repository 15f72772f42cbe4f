using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Linq.Spark.Analyzers.Tests;

/// <summary>
/// Compiles test sources against the framework the tests run on (.NET 10, which has LeftJoin, CountBy and
/// AggregateBy), so no reference pack has to be downloaded.
/// </summary>
internal static class TestReferences
{
    /// <summary>An empty reference set; the framework assemblies come from <see cref="Framework"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    /// <summary>Metadata references to every assembly of the running shared framework.</summary>
    public static ImmutableArray<MetadataReference> Framework { get; } = LoadFramework();

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in trusted.Split(Path.PathSeparator))
        {
            if (string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        return references.ToImmutable();
    }
}
