using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Spark.Analyzers;

/// <summary>LQS010 fix: replaces Repartition(n) with Coalesce(n), or removes it before a keyed shuffle.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnnecessaryRepartitionCodeFix)), Shared]
public sealed class UnnecessaryRepartitionCodeFix : SparkCodeFixProvider
{
    /// <summary>Creates the fix.</summary>
    public UnnecessaryRepartitionCodeFix()
        : base(DiagnosticIds.UnnecessaryRepartition)
    {
    }

    private protected override string Title(string fix) =>
        fix == DiagnosticProperties.UseCoalesce ? "Use Coalesce" : "Remove the Repartition";

    private protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, string fix)
    {
        if (root.NodeAt<InvocationExpressionSyntax>(diagnostic.Location) is not { Expression: MemberAccessExpressionSyntax access } call
            || access.Name.Identifier.ValueText != "Repartition")
        {
            return null;
        }

        return fix switch
        {
            DiagnosticProperties.UseCoalesce => root.ReplaceNode(
                access.Name, SyntaxFactory.IdentifierName("Coalesce").WithTriviaFrom(access.Name)),
            DiagnosticProperties.Remove => root.ReplaceNode(
                call, access.Expression.WithTrailingTrivia(call.GetTrailingTrivia())),
            _ => null,
        };
    }
}
