using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Spark.Analyzers;

/// <summary>LQS013 fix: <c>q.ToList()</c> becomes <c>await q.ToListAsync(ct)</c>.</summary>
/// <remarks>
/// Uses the async function's CancellationToken parameter when it has one, otherwise
/// <c>CancellationToken.None</c>; parenthesizes the await when the result is used further.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncActionInAsyncMethodCodeFix)), Shared]
public sealed class SyncActionInAsyncMethodCodeFix : SparkCodeFixProvider
{
    /// <summary>Creates the fix.</summary>
    public SyncActionInAsyncMethodCodeFix()
        : base(DiagnosticIds.SyncActionInAsyncMethod)
    {
    }

    private protected override string Title(string fix) => "Use await ToListAsync(ct)";

    private protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, string fix)
    {
        if (fix != DiagnosticProperties.UseToListAsync
            || root.NodeAt<InvocationExpressionSyntax>(diagnostic.Location) is not
            { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToList" } access, ArgumentList.Arguments.Count: 0 } call)
        {
            return null;
        }

        var token = diagnostic.Properties.TryGetValue(DiagnosticProperties.CancellationToken, out var name) && name is not null
            ? name
            : "CancellationToken.None";
        var awaited = SyntaxFactory.AwaitExpression(
            SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space),
            call.WithoutTrivia()
                .WithExpression(access.WithName(SyntaxFactory.IdentifierName("ToListAsync")))
                .WithArgumentList(SyntaxHelpers.Arguments(SyntaxFactory.ParseExpression(token))));
        ExpressionSyntax replacement = call.Parent is MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
            or ConditionalAccessExpressionSyntax or PostfixUnaryExpressionSyntax
            ? SyntaxFactory.ParenthesizedExpression(awaited)
            : awaited;
        return root.ReplaceNode(call, replacement.WithTriviaFrom(call));
    }
}
