using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Linq.Spark.Analyzers.Tests;

/// <summary>
/// Help links as reported: at the page shipped in the package when the build names its folder
/// (build_property.LinqSparkRuleDocs, set by the package's props), or under a base URL given there; otherwise none.
/// </summary>
public sealed class RuleHelpLinksTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(DiagnosticDescriptors).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    [Fact]
    public async Task ShippedPagesFolder_everyRuleLinksToItsPageThere()
    {
        var folder = Path.Combine(Path.GetTempPath(), "linq spark", "0.1.0", "docs", "rules") + Path.DirectorySeparatorChar;

        var diagnostics = await AnalyzeSampleAsync(folder);

        Assert.Equal(Enumerable.Range(1, 13).Select(n => $"LQS{n:000}"), diagnostics.Select(d => d.Id).Order());
        foreach (var diagnostic in diagnostics)
        {
            var link = diagnostic.Descriptor.HelpLinkUri;
            Assert.Equal(new Uri(Path.Combine(folder, diagnostic.Id + ".md")).AbsoluteUri, link);
            Assert.StartsWith("file:///", link, StringComparison.Ordinal);
            Assert.EndsWith("/linq%20spark/0.1.0/docs/rules/" + diagnostic.Id + ".md", link, StringComparison.Ordinal);
            Assert.True(Uri.IsWellFormedUriString(link, UriKind.Absolute), link);
        }
    }

    [Theory]
    [InlineData("https://docs.example.org/linq-spark/rules")]
    [InlineData("https://docs.example.org/linq-spark/rules/")]
    public async Task PublishedBaseUrl_everyRuleLinksToItsPageThere(string baseUrl)
    {
        var diagnostics = await AnalyzeSampleAsync(baseUrl);

        Assert.Equal(13, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal($"https://docs.example.org/linq-spark/rules/{d.Id}.md", d.Descriptor.HelpLinkUri));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("docs/rules/")]
    [InlineData("ftp://example.org/rules/")]
    public async Task NoUsableLocation_reportsWithoutALink(string? folder)
    {
        var diagnostics = await AnalyzeSampleAsync(folder);

        Assert.Equal(13, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal(string.Empty, d.Descriptor.HelpLinkUri));
    }

    /// <summary>The sample project's diagnostics with <paramref name="folder"/> as the shipped pages' folder, if any.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeSampleAsync(string? folder)
    {
        var sample = Path.Combine(TestPaths.RepositoryRoot(), "tests", "Linq.Spark.Analyzers.Sample");
        var trees = Directory.GetFiles(sample, "*.cs").Select(File.ReadAllText)
            .Append("global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading.Tasks;")
            .Append(SparkApiSource.SparkApi).Append(SparkApiSource.Model)
            .Select(text => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)));
        var compilation = CSharpCompilation.Create("HelpLinks", trees, TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var global = folder is null ? new Dictionary<string, string>() : new() { [RuleHelpLinks.DirectoryOption] = folder };
        var options = new AnalyzerOptions([], new GlobalOptionsProvider(global));
        return await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
    }

    private sealed class GlobalOptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Options None { get; } = new([]);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
