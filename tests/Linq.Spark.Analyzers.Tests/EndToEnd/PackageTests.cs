using System.Text.Json;

namespace Linq.Spark.Analyzers.Tests.EndToEnd;

/// <summary>
/// The packed Linq.Spark .nupkg: the analyzers under analyzers/dotnet/cs, every rule's page under docs/rules, and a
/// project that restores the package gets help links that open those pages where NuGet put them.
/// </summary>
[Collection(RealBuilds.Name)]
public sealed class PackageTests : IClassFixture<PackedPackage>
{
    private readonly PackedPackage package;

    /// <summary>Takes the package packed once for the class.</summary>
    public PackageTests(PackedPackage package) => this.package = package;

    [Fact]
    public void Package_carriesTheAnalyzersUnderAnalyzersDotnetCs()
    {
        var (exitCode, output) = Commands.RunScript("analyzers/check-package-layout.sh", package.NupkgPath);

        Assert.True(exitCode == 0, output);
        Assert.Contains("package layout ok", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_carriesTheReadmeAndTheXmlDocumentation()
    {
        Assert.Contains("lib/net10.0/Linq.Spark.dll", package.Entries);
        Assert.Contains("lib/net10.0/Linq.Spark.xml", package.Entries);
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "README.md")), package.ReadEntry("README.md"));
        Assert.Contains("<readme>README.md</readme>", package.ReadEntry("Linq.Spark.nuspec"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleCatalogTests.RuleIds), MemberType = typeof(RuleCatalogTests))]
    public void Rule_pageIsInsideThePackedNupkg(string id)
    {
        var entry = $"docs/rules/{id}.md";

        Assert.Contains(entry, package.Entries);
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "rules", id + ".md")), package.ReadEntry(entry));
    }

    [Fact]
    public void ConsumerBuild_helpLinkOpensThePageShippedInThePackage()
    {
        var consumer = Directory.CreateTempSubdirectory("linq-spark-consumer-");
        try
        {
            WriteConsumer(consumer.FullName);

            var (exitCode, output) = Commands.Run(
                "dotnet", ["build", "-nologo", "-v", "q", "-m:1", "-p:UseSharedCompilation=false"], consumer.FullName);

            Assert.True(exitCode == 0, output);
            var link = HelpLinkOf("LQS001", Path.Combine(consumer.FullName, "build.sarif"));
            var shipped = Path.Combine(consumer.FullName, "packages", "linq.spark", package.Version, "docs", "rules", "LQS001.md");
            Assert.Equal(new Uri(shipped).AbsoluteUri, link);
            Assert.Equal(package.ReadEntry("docs/rules/LQS001.md"), File.ReadAllText(new Uri(link).LocalPath));
        }
        finally
        {
            consumer.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A library that takes Linq.Spark from <see cref="PackedPackage.Folder"/> only (its dependencies, such as
    /// Apache.Arrow, from nuget.org), restores into a packages folder of its own (the machine's NuGet cache never holds a
    /// test build), and logs its diagnostics as SARIF.
    /// </summary>
    private void WriteConsumer(string folder)
    {
        // Empty files stop MSBuild looking further up for the repository's or the machine's build settings.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="linq-spark" value="{package.Folder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="linq-spark">
                  <package pattern="Linq.Spark" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
                <ErrorLog>$(MSBuildThisFileDirectory)build.sarif,version=2.1</ErrorLog>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Linq.Spark" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Groups.cs"), """
            using System.Linq;
            using Linq.Spark;

            public static class Groups
            {
                public static object All(SparkSession session, int[] data) =>
                    session.Parallelize(data).GroupBy(x => x % 3).Select(g => g.ToList()).ToList();
            }
            """);
    }

    /// <summary>The help link of the rule that the first result with <paramref name="id"/> in a SARIF 2.1 log points at.</summary>
    private static string HelpLinkOf(string id, string sarifPath)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(sarifPath));
        var run = log.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            if (result.GetProperty("ruleId").GetString() == id)
            {
                return rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("helpUri").GetString()!;
            }
        }

        throw new InvalidOperationException($"{id} was not reported:\n{log.RootElement}");
    }
}
