using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Linq.Spark.Analyzers.Tests;

/// <summary>Runs every rule together, the way a build does.</summary>
public sealed class AllRulesTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(DiagnosticDescriptors).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    [Fact]
    public async Task SampleExamples_reportEveryRuleExactlyOnce()
    {
        var sample = Path.Combine(TestPaths.RepositoryRoot(), "tests", "Linq.Spark.Analyzers.Sample");
        var sources = Directory.GetFiles(sample, "*.cs").Select(File.ReadAllText)
            .Append("global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading.Tasks;");

        var (compilationErrors, diagnostics) = await AnalyzeAsync(sources, OutputKind.ConsoleApplication);

        Assert.Empty(compilationErrors);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var ids = diagnostics.Select(d => d.Id).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 13).Select(n => $"LQS{n:000}"), ids);
    }

    [Theory]
    [InlineData("object M(SparkSession s, Order[] d) => s.Parallelize(d).GroupBy(o => ).Select(g => g.).Where(;")]
    [InlineData("object M(SparkSession s, Order[] d) => s.Parallelize(d).Join(Missing, o => o.Nope, c => c.Name, (o, c) => o).Take(x);")]
    [InlineData("async Task M(SparkSession s) { var q = s.Parallelize(undefined); foreach (var x in q) { q.Count(; } q.Repartition(\"a\").GroupBy(k => k.Key == ).ToList() }")]
    [InlineData("object M(ISparkQueryable<Order> q) => from o in q orderby o. group o by into g where g.Key select g.ToList().Sum();")]
    [InlineData("object M(SparkSession s, int[] d) => s.Parallelize(d).SelectMany(x => , (x, y) => x).Aggregate(0, (a, b) => Math.Max(a, ), x => x);")]
    public async Task IncompleteCode_noAnalyzerThrows(string member)
    {
        var source = SparkApiSource.Usings + "class C { " + member + " }";

        var (_, diagnostics) = await AnalyzeAsync([source], OutputKind.DynamicallyLinkedLibrary);

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task CompilationWithoutLinqSpark_registersNothing()
    {
        var source = "using System.Linq; class C { object M(int[] d) => d.AsQueryable().OrderBy(x => x).GroupBy(x => x > 1).Select(g => g.ToList()).Take(1).ToList(); }";
        var compilation = CSharpCompilation.Create("NoSpark", [CSharpSyntaxTree.ParseText(source)], TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var result = await compilation.WithAnalyzers(Analyzers).GetAnalysisResultAsync(CancellationToken.None);

        Assert.Empty(result.GetAllDiagnostics());
        Assert.All(result.AnalyzerTelemetryInfo.Values, info => Assert.Equal(0, info.OperationActionsCount));
    }

    private static async Task<(ImmutableArray<Diagnostic> Errors, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(
        IEnumerable<string> sources, OutputKind kind)
    {
        var trees = sources.Append(SparkApiSource.SparkApi).Append(SparkApiSource.Model)
            .Select(text => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)));
        var compilation = CSharpCompilation.Create("AllRules", trees, TestReferences.Framework,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
        return (errors, diagnostics);
    }
}
