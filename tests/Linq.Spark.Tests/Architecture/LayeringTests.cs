using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Spark.Tests;

/// <summary>
/// The engine's folders depend on each other in one direction only (docs/architecture.md, "Layers"): every type a
/// file names is declared in the file's own folder or in a folder of a lower layer. The sources are compiled with
/// Roslyn, so each name resolves to the file that declares it; a new back-edge or a folder missing from the list fails.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>The engine's folders, lowest layer first; a folder may use only its own types and those of the folders before it.</summary>
    public static readonly string[] Layers =
    [
        "Internal",
        "Contracts",
        "Observability",
        "Columnar",
        "Buffers",
        "Sources",
        "Sources/Files",
        "Planning/Logical",
        "Planning/Optimization",
        "Planning/Translation",
        "Planning/Physical",
        "Planning/Stages",
        "Planning/Serialization",
        "Compilation",
        "Compilation/Vectorization",
        "Compilation/Pipelines",
        "Execution/Memory",
        "Execution/Blocks",
        "Execution/Shuffle",
        "Execution",
        "Execution/Operators",
        "Execution/Scheduling",
        "Diagnostics",
        "Query",
        "Execution/Remote",
        "",
    ];

    private static readonly Lazy<Dependencies> Graph = new(Dependencies.Read);

    [Fact]
    public void Folders_everyFolderHasALayer()
    {
        var unplaced = Graph.Value.Folders.Where(f => !Layers.Contains(f)).ToList();

        Assert.True(unplaced.Count == 0, $"Folders with no place in LayeringTests.Layers (and docs/architecture.md): {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void Folders_dependOnlyOnLowerLayers()
    {
        var backEdges = Graph.Value.Edges
            .Where(e => Array.IndexOf(Layers, e.From) >= 0 && Array.IndexOf(Layers, e.To) > Array.IndexOf(Layers, e.From))
            .Select(e => $"{Show(e.From)} -> {Show(e.To)}: {e.File} uses {e.Type}")
            .Distinct()
            .ToList();

        Assert.True(backEdges.Count == 0, $"{backEdges.Count} dependencies point up a layer:\n" + string.Join("\n", backEdges.Take(20)));
    }

    [Fact]
    public void Folders_dependenciesAreFound()
    {
        // Guards the scan itself: the sources compile (so every name resolves), and it sees the edges every query takes.
        Assert.True(Graph.Value.Errors.Count == 0, "The engine's sources do not compile on their own:\n" + string.Join("\n", Graph.Value.Errors));
        var edges = Graph.Value.Edges.Select(e => (e.From, e.To)).ToHashSet();

        Assert.Contains(("Query", "Planning/Translation"), edges);
        Assert.Contains(("Execution/Operators", "Planning/Physical"), edges);
        Assert.Contains(("Compilation", "Planning/Physical"), edges);
        Assert.Contains(("", "Query"), edges);
    }

    private static string Show(string folder) => folder.Length == 0 ? "(root)" : folder;

    /// <summary>The folders of the engine's sources and the type references between them.</summary>
    private sealed record Dependencies(IReadOnlyList<string> Folders, IReadOnlyList<(string From, string To, string File, string Type)> Edges, IReadOnlyList<string> Errors)
    {
        public static Dependencies Read()
        {
            var root = Path.Combine(RepositoryRoot(), "src", "Linq.Spark");
            var files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)))
                .ToList();
            var options = new CSharpParseOptions(LanguageVersion.Preview);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f)).ToList();

            // The SDK's implicit usings, as the project compiles with them.
            var implicitUsings = CSharpSyntaxTree.ParseText(
                "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
                "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
                options);
            var compilation = CSharpCompilation.Create(
                "Layering",
                [.. trees, implicitUsings],
                References(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
            var edges = new List<(string, string, string, string)>();
            foreach (var tree in trees)
            {
                var from = FolderOf(root, tree.FilePath);
                var model = compilation.GetSemanticModel(tree);
                foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    var symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                    foreach (var declaration in DeclaringFiles(symbol))
                    {
                        var to = FolderOf(root, declaration);
                        if (to != from)
                        {
                            edges.Add((from, to, Path.GetRelativePath(root, tree.FilePath), symbol!.Name));
                        }
                    }
                }
            }

            // The sources compile without the build's source generators, so a [LoggerMessage] partial method has no body here (CS8795).
            var errors = compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795")
                .Select(d => d.ToString())
                .Take(10)
                .ToList();
            return new Dependencies([.. files.Select(f => FolderOf(root, f)).Distinct().Order()], edges, errors);
        }

        /// <summary>The source files that declare the type a name refers to (or the type of the member it refers to).</summary>
        private static IEnumerable<string> DeclaringFiles(ISymbol? symbol)
        {
            var type = symbol switch
            {
                INamedTypeSymbol named => named.OriginalDefinition,
                IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => constructor.ContainingType,
                null => null,
                _ => symbol.ContainingType,
            };
            while (type?.ContainingType is { } outer)
            {
                type = outer;
            }

            return type?.DeclaringSyntaxReferences.Select(r => r.SyntaxTree.FilePath).Where(p => p.Length > 0) ?? [];
        }

        private static string FolderOf(string root, string file) =>
            (Path.GetDirectoryName(Path.GetRelativePath(root, file)) ?? string.Empty).Replace('\\', '/');

        private static bool IsBuildOutput(string relative) =>
            relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

        /// <summary>The runtime's assemblies and the packages beside the tests (the engine's own types come from source).</summary>
        private static ImmutableArray<MetadataReference> References()
        {
            var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            var beside = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
                .Where(f => !Path.GetFileName(f).StartsWith("Linq.Spark", StringComparison.Ordinal));
            return [.. platform.Concat(beside).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
        }

        private static string RepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Linq.Spark.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("The repository root (Linq.Spark.sln) was not found above the test binaries.");
        }
    }
}
