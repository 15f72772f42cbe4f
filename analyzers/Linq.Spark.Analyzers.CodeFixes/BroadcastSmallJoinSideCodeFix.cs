using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Spark.Analyzers;

/// <summary>LQS006 fix: marks the join's inner side with Broadcast() (parallelizing an in-memory collection first).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BroadcastSmallJoinSideCodeFix)), Shared]
public sealed class BroadcastSmallJoinSideCodeFix : SparkCodeFixProvider
{
    /// <summary>Creates the fix.</summary>
    public BroadcastSmallJoinSideCodeFix()
        : base(DiagnosticIds.BroadcastSmallJoinSide)
    {
    }

    private protected override string Title(string fix) => "Add .Broadcast()";

    private protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, string fix)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax inner)
        {
            return null;
        }

        ExpressionSyntax? replacement = null;
        if (fix == DiagnosticProperties.AppendBroadcast)
        {
            replacement = SyntaxHelpers.AppendCall(inner, "Broadcast");
        }
        else if (fix == DiagnosticProperties.ParallelizeAndBroadcast
            && diagnostic.Properties.TryGetValue(DiagnosticProperties.Session, out var session) && session is not null)
        {
            var parallelize = SyntaxFactory.ParseExpression(session + ".Parallelize(" + inner.WithoutTrivia().ToFullString() + ")");
            replacement = SyntaxHelpers.AppendCall(parallelize, "Broadcast").WithTriviaFrom(inner);
        }

        return replacement is null ? null : root.ReplaceNode(inner, replacement);
    }
}
