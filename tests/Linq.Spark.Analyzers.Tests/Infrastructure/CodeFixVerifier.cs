using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Linq.Spark.Analyzers.Tests;

/// <summary>Runs an analyzer and its code fix over a test body and compares the fixed source.</summary>
/// <typeparam name="TAnalyzer">The rule under test.</typeparam>
/// <typeparam name="TCodeFix">The fix under test.</typeparam>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Verifies that <paramref name="source"/> reports the marked diagnostics and that fixing all of them gives
    /// <paramref name="fixedSource"/>, where any diagnostic still expected after the fix is marked too.
    /// </summary>
    public static Task VerifyAsync(string source, string fixedSource)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>();
        AnalyzerVerifier<TAnalyzer>.Configure(test.TestState, source);
        test.FixedState.Sources.Add(("/Test.cs", SparkApiSource.Usings + fixedSource));
        AnalyzerVerifier<TAnalyzer>.AddSupport(test.FixedState);
        return test.RunAsync();
    }

    /// <summary>Verifies that the marked diagnostics are reported and that no fix is offered for them.</summary>
    public static Task VerifyNoFixAsync(string source)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>();
        AnalyzerVerifier<TAnalyzer>.Configure(test.TestState, source);
        test.FixedState.Sources.Add(("/Test.cs", SparkApiSource.Usings + source));
        AnalyzerVerifier<TAnalyzer>.AddSupport(test.FixedState);
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }
}
