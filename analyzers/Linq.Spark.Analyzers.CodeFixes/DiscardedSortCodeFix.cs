using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Spark.Analyzers;

/// <summary>LQS004 fix: removes the sort (OrderBy and its ThenBy calls, or the orderby clause).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DiscardedSortCodeFix)), Shared]
public sealed class DiscardedSortCodeFix : SparkCodeFixProvider
{
    /// <summary>Creates the fix.</summary>
    public DiscardedSortCodeFix()
        : base(DiagnosticIds.DiscardedSort)
    {
    }

    private protected override string Title(string fix) => "Remove the discarded sort";

    private protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, string fix)
    {
        var locations = diagnostic.AdditionalLocations;
        if (locations.Count == 1 && root.NodeAt<OrderByClauseSyntax>(locations[0]) is { } clause)
        {
            return root.RemoveNode(clause, SyntaxRemoveOptions.KeepNoTrivia);
        }

        if (locations.Count != 2
            || root.NodeAt<InvocationExpressionSyntax>(locations[0]) is not { } sort
            || root.FindNode(locations[1].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax source)
        {
            return null;
        }

        return root.ReplaceNode(sort, source.WithTrailingTrivia(sort.GetTrailingTrivia()));
    }
}
