using System.IO.Compression;

namespace Linq.Spark.Analyzers.Tests.EndToEnd;

/// <summary>
/// The packages a user installs besides Linq.Spark itself: the <c>linq-spark</c> dotnet tool, installed from a local feed
/// into a folder of its own and run, and Linq.Spark.Tpch, Linq.Spark.UI and Linq.Spark.Cluster with their documentation and dependencies.
/// </summary>
[Collection(RealBuilds.Name)]
public sealed class ToolPackageTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("linq-spark-tool-");

    /// <inheritdoc />
    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Tool_installedFromALocalFeed_runsTheDemo()
    {
        var feed = Pack("Linq.Spark.Cli");
        var tools = Path.Combine(_folder.FullName, "tools");

        var (exitCode, output) = Commands.Run(
            "dotnet", ["tool", "install", "Linq.Spark.Cli", "--tool-path", tools, "--add-source", feed, "--version", Version(feed, "Linq.Spark.Cli")], _folder.FullName);
        Assert.True(exitCode == 0, output);
        (exitCode, output) = Commands.Run(Path.Combine(tools, "linq-spark"), ["demo"], _folder.FullName);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Linq.Spark demo: 2,000,000 sales rows", output, StringComparison.Ordinal);
        Assert.Contains("== Physical Plan ==", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TpchPackage_carriesItsAssemblyDocumentationReadmeAndEngineDependency() => AssertLibraryPackage("Linq.Spark.Tpch");

    [Fact]
    public void UIPackage_carriesItsAssemblyDocumentationReadmeAndDependencies() =>
        AssertLibraryPackage("Linq.Spark.UI", "<frameworkReference name=\"Microsoft.AspNetCore.App\" />");

    [Fact]
    public void ClusterPackage_carriesItsAssemblyDocumentationReadmeAndDependencies() =>
        AssertLibraryPackage(
            "Linq.Spark.Cluster",
            "<frameworkReference name=\"Microsoft.AspNetCore.App\" />",
            "<dependency id=\"Microsoft.Orleans.Server\"",
            "<dependency id=\"Apache.Arrow.Flight.AspNetCore\"");

    /// <summary>
    /// Packs a library that builds on the engine and checks that its package holds the assembly, its XML documentation
    /// and the README, and that its nuspec names the README, depends on Linq.Spark and says each of <paramref name="nuspecHas"/>.
    /// </summary>
    private void AssertLibraryPackage(string project, params string[] nuspecHas)
    {
        var feed = Pack(project);
        var package = Path.Combine(feed, $"{project}.{Version(feed, project)}.nupkg");

        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains($"lib/net10.0/{project}.dll", entries);
        Assert.Contains($"lib/net10.0/{project}.xml", entries);
        Assert.Contains("README.md", entries);
        using var nuspec = new StreamReader(zip.GetEntry($"{project}.nuspec")!.Open());
        var text = nuspec.ReadToEnd();
        Assert.Contains("<dependency id=\"Linq.Spark\"", text, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", text, StringComparison.Ordinal);
        foreach (var expected in nuspecHas)
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Packs src/<paramref name="project"/> from its Release build into a new local feed and returns the feed.</summary>
    private string Pack(string project)
    {
        var feed = Path.Combine(_folder.FullName, "feed");
        var path = Path.Combine(TestPaths.RepositoryRoot(), "src", project, project + ".csproj");
        var (exitCode, output) = Commands.Run("dotnet", ["pack", path, "-c", "Release", "--no-build", "-o", feed, "-nologo", "-v", "q"], _folder.FullName);
        Assert.True(exitCode == 0, $"dotnet pack {project} failed:\n{output}");
        return feed;
    }

    private static string Version(string feed, string packageId) =>
        Path.GetFileNameWithoutExtension(Directory.GetFiles(feed, packageId + ".*.nupkg").Single())[(packageId.Length + 1)..];
}
