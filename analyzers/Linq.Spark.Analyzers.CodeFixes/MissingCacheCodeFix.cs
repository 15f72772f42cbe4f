using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Spark.Analyzers;

/// <summary>LQS009 fix: appends Cache() to the query variable's definition.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingCacheCodeFix)), Shared]
public sealed class MissingCacheCodeFix : SparkCodeFixProvider
{
    /// <summary>Creates the fix.</summary>
    public MissingCacheCodeFix()
        : base(DiagnosticIds.MissingCache)
    {
    }

    private protected override string Title(string fix) => "Add .Cache() to the query's definition";

    private protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, string fix)
    {
        if (diagnostic.AdditionalLocations.Count != 1
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax initializer
            || initializer.Parent is not EqualsValueClauseSyntax)
        {
            return null;
        }

        return root.ReplaceNode(initializer, SyntaxHelpers.AppendCall(initializer, "Cache"));
    }
}
