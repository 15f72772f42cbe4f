using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Linq.Spark.Analyzers.Tests;

/// <summary>
/// Checks the rule catalog as a whole: one sealed analyzer per rule, every descriptor in the registry with its help
/// link and docs page, the index table and the release-tracking file in step with the descriptors.
/// </summary>
public sealed class RuleCatalogTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToArray();

    private static readonly DiagnosticAnalyzer[] Analyzers = typeof(DiagnosticDescriptors).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToArray();

    private static readonly string[] Ids = typeof(DiagnosticIds).GetFields()
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Ids)
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void Registry_hasThirteenUniqueIdsInOrder()
    {
        Assert.Equal(Enumerable.Range(1, 13).Select(n => $"LQS{n:000}"), Ids);
        Assert.Equal(Ids.OrderBy(id => id), Descriptors.Select(d => d.Id).OrderBy(id => id));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_hasExactlyOneSealedAnalyzer(string id)
    {
        var owners = Analyzers.Where(analyzer => analyzer.SupportedDiagnostics.Any(d => d.Id == id)).ToArray();
        var owner = Assert.Single(owners);
        Assert.True(owner.GetType().IsSealed, $"{owner.GetType().Name} should be sealed");
        Assert.Single(owner.SupportedDiagnostics);
        Assert.NotNull(owner.GetType().GetCustomAttribute<DiagnosticAnalyzerAttribute>());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_hasDocsPageAndNoInventedLink(string id)
    {
        // Reported diagnostics link to the page (RuleHelpLinksTests, PackageTests); the registry names no web address.
        var descriptor = Descriptors.Single(d => d.Id == id);
        Assert.Equal(string.Empty, descriptor.HelpLinkUri);

        var page = Path.Combine(TestPaths.RepositoryRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"missing docs page {page}");
        var lines = File.ReadAllLines(page);
        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        var text = string.Join('\n', lines);
        Assert.Contains($"| Default severity | {descriptor.DefaultSeverity} |", text);
        Assert.Contains($"| Category | {descriptor.Category} |", text);
        foreach (var section in new[] { "## What it reports", "## Bad", "## Good", "## Configure" })
        {
            Assert.Contains(section, lines);
        }

        Assert.Contains($"dotnet_diagnostic.{id}.severity", text);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_isListedInIndexAndReleaseTracking(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var index = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "rules", "README.md"));
        Assert.Contains($"| [{id}]({id}.md) |", index);

        var releases = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot(), "analyzers", "Linq.Spark.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(releases, line => line.StartsWith($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", StringComparison.Ordinal));
    }

    [Fact]
    public void Descriptors_followMessageConventions()
    {
        foreach (var descriptor in Descriptors)
        {
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.False(descriptor.MessageFormat.ToString().EndsWith('.'), descriptor.Id);
            Assert.EndsWith(".", descriptor.Description.ToString());
        }
    }
}
