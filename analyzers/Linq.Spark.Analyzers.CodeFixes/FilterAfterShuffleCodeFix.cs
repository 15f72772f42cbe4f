using System.Collections.Generic;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Spark.Analyzers;

/// <summary>LQS005 fix: moves the Where before the GroupBy, or onto the join side it tests.</summary>
/// <remarks>
/// The predicate is rewritten in terms of the shuffle's input: <c>g.Key</c> becomes the key selector's body,
/// <c>t.M</c> becomes the expression the join's result selector assigned to M. The fix gives up when a name
/// would be captured.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FilterAfterShuffleCodeFix)), Shared]
public sealed class FilterAfterShuffleCodeFix : SparkCodeFixProvider
{
    /// <summary>Creates the fix.</summary>
    public FilterAfterShuffleCodeFix()
        : base(DiagnosticIds.FilterAfterShuffle)
    {
    }

    private protected override string Title(string fix) => "Move the filter before the shuffle";

    private protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, string fix)
    {
        if (diagnostic.AdditionalLocations.Count != 1
            || root.NodeAt<InvocationExpressionSyntax>(diagnostic.AdditionalLocations[0]) is not
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax shuffleAccess } shuffle,
                } whereAccess,
                ArgumentList.Arguments.Count: 1,
            } where
            || !SyntaxHelpers.TryGetSingleParameterLambda(where.ArgumentList.Arguments[0].Expression, out var row, out var predicate))
        {
            return null;
        }

        var replacement = fix switch
        {
            DiagnosticProperties.MoveBeforeGroupBy => MoveBeforeGroupBy(shuffle, shuffleAccess, whereAccess, row, predicate),
            DiagnosticProperties.MoveToOuter or DiagnosticProperties.MoveToInner =>
                MoveToJoinSide(shuffle, shuffleAccess, whereAccess, row, predicate, fix == DiagnosticProperties.MoveToOuter),
            _ => null,
        };

        return replacement is null ? null : root.ReplaceNode(where, replacement.WithTriviaFrom(where));
    }

    private static ExpressionSyntax? MoveBeforeGroupBy(InvocationExpressionSyntax groupBy,
        MemberAccessExpressionSyntax groupByAccess, MemberAccessExpressionSyntax whereAccess, string group, ExpressionSyntax predicate)
    {
        if (groupBy.ArgumentList.Arguments.Count == 0
            || !SyntaxHelpers.TryGetSingleParameterLambda(groupBy.ArgumentList.Arguments[0].Expression, out var element, out var key))
        {
            return null;
        }

        var replacements = new Dictionary<SyntaxNode, ExpressionSyntax>();
        foreach (var access in predicate.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>())
        {
            if (access is not { Expression: IdentifierNameSyntax receiver, Name.Identifier.ValueText: "Key" }
                || receiver.Identifier.ValueText != group)
            {
                continue;
            }

            if (access.Parent is MemberAccessExpressionSyntax outer && outer.Expression == access
                && key is AnonymousObjectCreationExpressionSyntax anonymous
                && MemberOf(anonymous, outer.Name.Identifier.ValueText) is { } member)
            {
                replacements[outer] = member;
            }
            else
            {
                replacements[access] = key;
            }
        }

        var newPredicate = Substitute(predicate, replacements, group, element);
        if (newPredicate is null)
        {
            return null;
        }

        return Swap(groupBy, groupByAccess, whereAccess, SyntaxHelpers.Arguments(SyntaxHelpers.Lambda(element, newPredicate)));
    }

    private static ExpressionSyntax? MoveToJoinSide(InvocationExpressionSyntax join, MemberAccessExpressionSyntax joinAccess,
        MemberAccessExpressionSyntax whereAccess, string row, ExpressionSyntax predicate, bool outer)
    {
        var arguments = join.ArgumentList.Arguments;
        if (arguments.Count != 4
            || arguments[3].Expression is not ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 2, ExpressionBody: { } result } resultSelector)
        {
            return null;
        }

        var side = resultSelector.ParameterList.Parameters[outer ? 0 : 1].Identifier.ValueText;
        var replacements = new Dictionary<SyntaxNode, ExpressionSyntax>();
        foreach (var identifier in predicate.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != row || identifier.Parent is MemberAccessExpressionSyntax { Name: var name } && name == identifier)
            {
                continue;
            }

            if (result is IdentifierNameSyntax)
            {
                replacements[identifier] = SyntaxFactory.IdentifierName(side);
            }
            else if (result is AnonymousObjectCreationExpressionSyntax anonymous
                && identifier.Parent is MemberAccessExpressionSyntax access && access.Expression == identifier
                && MemberOf(anonymous, access.Name.Identifier.ValueText) is { } member)
            {
                replacements[access] = member;
            }
            else
            {
                return null;
            }
        }

        var newPredicate = Substitute(predicate, replacements, row, side);
        if (newPredicate is null)
        {
            return null;
        }

        var filter = SyntaxHelpers.Arguments(SyntaxHelpers.Lambda(side, newPredicate));
        if (outer)
        {
            return Swap(join, joinAccess, whereAccess, filter);
        }

        var inner = arguments[0].Expression;
        var filteredInner = SyntaxHelpers.Call(
            SyntaxHelpers.Parenthesize(inner.WithoutTrivia()), SyntaxFactory.Token(SyntaxKind.DotToken), "Where", filter).WithTriviaFrom(inner);
        return join.WithArgumentList(join.ArgumentList.WithArguments(arguments.Replace(arguments[0], arguments[0].WithExpression(filteredInner))));
    }

    /// <summary>
    /// <c>source.Shuffle(args).Where(p)</c> becomes <c>source.Where(filter).Shuffle(args)</c>; each call keeps the
    /// dot token (and so the line break) of the position it moves into.
    /// </summary>
    private static ExpressionSyntax Swap(InvocationExpressionSyntax shuffle, MemberAccessExpressionSyntax shuffleAccess,
        MemberAccessExpressionSyntax whereAccess, ArgumentListSyntax filter)
    {
        var filtered = SyntaxHelpers.Call(shuffleAccess.Expression, shuffleAccess.OperatorToken, "Where",
            filter.WithTrailingTrivia(shuffle.ArgumentList.GetTrailingTrivia()));
        return SyntaxHelpers.Call(filtered, whereAccess.OperatorToken, shuffleAccess.Name.Identifier.ValueText,
            shuffle.ArgumentList.WithoutTrailingTrivia());
    }

    /// <summary>The expression an anonymous object creation assigns to <paramref name="name"/>.</summary>
    private static ExpressionSyntax? MemberOf(AnonymousObjectCreationExpressionSyntax anonymous, string name)
    {
        foreach (var initializer in anonymous.Initializers)
        {
            var memberName = initializer.NameEquals?.Name.Identifier.ValueText ?? initializer.Expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };
            if (memberName == name)
            {
                return initializer.Expression;
            }
        }

        return null;
    }

    /// <summary>
    /// Applies the replacements; null when the old parameter is still used elsewhere or the new parameter name
    /// is already taken in the predicate.
    /// </summary>
    private static ExpressionSyntax? Substitute(ExpressionSyntax predicate, Dictionary<SyntaxNode, ExpressionSyntax> replacements,
        string oldParameter, string newParameter)
    {
        foreach (var identifier in predicate.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            var replaced = replacements.Keys.Any(node => node.Span.Contains(identifier.Span));
            if (!replaced && (identifier.Identifier.ValueText == newParameter || identifier.Identifier.ValueText == oldParameter)
                && !(identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier))
            {
                return null;
            }
        }

        return predicate.ReplaceNodes(
            replacements.Keys,
            (original, _) => SyntaxHelpers.Parenthesize(replacements[original].WithoutTrivia()).WithTriviaFrom(original));
    }
}
