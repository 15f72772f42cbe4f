using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Spark.Analyzers;

/// <summary>LQS007 fix: turns <c>Where(x =&gt; set.Contains(key))</c> into a join with the broadcast collection.</summary>
/// <remarks>
/// <c>q.Where(x =&gt; ids.Contains(x.Id))</c> becomes
/// <c>q.Join(s.Parallelize(ids.Distinct()).Broadcast(), x =&gt; x.Id, key =&gt; key, (x, key) =&gt; x)</c>; the Distinct
/// keeps the semi-join's answer when the collection may hold duplicates (it is left out for a HashSet).
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CapturedCollectionCodeFix)), Shared]
public sealed class CapturedCollectionCodeFix : SparkCodeFixProvider
{
    /// <summary>Creates the fix.</summary>
    public CapturedCollectionCodeFix()
        : base(DiagnosticIds.CapturedCollection)
    {
    }

    private protected override string Title(string fix) => "Join with the broadcast collection";

    private protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, string fix)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Session, out var session) || session is null
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax collection
            || collection.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Contains" } containsAccess
            || containsAccess.Parent is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } contains
            || contains.Parent is not SimpleLambdaExpressionSyntax lambda
            || lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax where } }
            || where.Expression is not MemberAccessExpressionSyntax whereAccess)
        {
            return null;
        }

        var keyArgument = contains.ArgumentList.Arguments[0];
        var row = lambda.Parameter.Identifier.ValueText;
        var key = "key";
        while (key == row || SyntaxHelpers.MentionsIdentifier(keyArgument.Expression, key))
        {
            key += "_";
        }

        var distinct = diagnostic.Properties.TryGetValue(DiagnosticProperties.MayHaveDuplicates, out var duplicates)
            && duplicates == "true" ? ".Distinct()" : "";
        var arguments = SyntaxFactory.ParseArgumentList(
            $"({session}.Parallelize({collection.WithoutTrivia()}{distinct}).Broadcast(), {row} => {keyArgument.Expression.WithoutTrivia()}, {key} => {key}, ({row}, {key}) => {row})");
        var join = where
            .WithExpression(whereAccess.WithName(SyntaxFactory.IdentifierName("Join").WithTriviaFrom(whereAccess.Name)))
            .WithArgumentList(arguments.WithTriviaFrom(where.ArgumentList));
        return root.ReplaceNode(where, join);
    }
}
