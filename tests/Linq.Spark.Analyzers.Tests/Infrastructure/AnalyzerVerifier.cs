using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Linq.Spark.Analyzers.Tests;

/// <summary>Runs one analyzer over a test body (with the Linq.Spark stand-in) and checks the expected diagnostics.</summary>
/// <typeparam name="TAnalyzer">The rule under test.</typeparam>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>
    /// Verifies <paramref name="source"/> (usings are prepended); expected diagnostics are marked in the source as
    /// <c>{|LQS001:text|}</c>, and <paramref name="editorConfig"/> lines go under <c>[*]</c> in an .editorconfig.
    /// </summary>
    public static Task VerifyAsync(string source, string? editorConfig = null)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
        Configure(test.TestState, source, editorConfig);
        return test.RunAsync();
    }

    /// <summary>
    /// Verifies <paramref name="source"/> compiled as a console program, so that top-level statements or a
    /// <c>Main</c> method are the compilation's entry point; markup as in <see cref="VerifyAsync"/>.
    /// </summary>
    public static Task VerifyProgramAsync(string source)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
        Configure(test.TestState, source);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    /// <summary>Adds the test body, the stand-in API and the framework references to a test state.</summary>
    internal static void Configure(SolutionState state, string source, string? editorConfig = null)
    {
        state.Sources.Add(("/Test.cs", SparkApiSource.Usings + source));
        AddSupport(state);
        if (editorConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig + "\n"));
        }
    }

    /// <summary>Adds the stand-in API, the model and the framework references.</summary>
    internal static void AddSupport(SolutionState state)
    {
        state.Sources.Add(("/LinqSpark.cs", SparkApiSource.SparkApi));
        state.Sources.Add(("/Model.cs", SparkApiSource.Model));
        state.ReferenceAssemblies = TestReferences.None;
        state.AdditionalReferences.AddRange(TestReferences.Framework);
    }
}
