using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Spark.Analyzers;

/// <summary>Syntax helpers shared by the fixes.</summary>
internal static class SyntaxHelpers
{
    /// <summary>The innermost node of type <typeparamref name="T"/> at a location.</summary>
    public static T? NodeAt<T>(this SyntaxNode root, Location location)
        where T : SyntaxNode =>
        root.FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<T>();

    /// <summary>Wraps the expression in parentheses unless it binds tighter than a member access already.</summary>
    public static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
            or ElementAccessExpressionSyntax or LiteralExpressionSyntax or ParenthesizedExpressionSyntax
            or ThisExpressionSyntax or GenericNameSyntax or ObjectCreationExpressionSyntax
            or AnonymousObjectCreationExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia()).WithTriviaFrom(expression);

    /// <summary>Appends <c>.name()</c> to an expression, keeping the expression's surrounding trivia outside.</summary>
    public static InvocationExpressionSyntax AppendCall(ExpressionSyntax expression, string name) =>
        SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    Parenthesize(expression.WithoutTrivia()),
                    SyntaxFactory.IdentifierName(name)))
            .WithTriviaFrom(expression);

    /// <summary>The single parameter name and expression body of <c>x =&gt; body</c> or <c>(x) =&gt; body</c>.</summary>
    public static bool TryGetSingleParameterLambda(ExpressionSyntax? expression, out string parameter, out ExpressionSyntax body)
    {
        switch (expression)
        {
            case SimpleLambdaExpressionSyntax { ExpressionBody: { } simpleBody } simple:
                parameter = simple.Parameter.Identifier.ValueText;
                body = simpleBody;
                return true;
            case ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1, ExpressionBody: { } parenthesizedBody } parenthesized:
                parameter = parenthesized.ParameterList.Parameters[0].Identifier.ValueText;
                body = parenthesizedBody;
                return true;
            default:
                parameter = "";
                body = null!;
                return false;
        }
    }

    /// <summary>Whether <paramref name="node"/> mentions an identifier spelled <paramref name="name"/>.</summary>
    public static bool MentionsIdentifier(SyntaxNode node, string name) =>
        node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == name);

    /// <summary>The simple lambda <c>parameter =&gt; body</c>, spaced as people write it.</summary>
    public static SimpleLambdaExpressionSyntax Lambda(string parameter, ExpressionSyntax body) =>
        SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameter)))
            .WithArrowToken(SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken)
                .WithLeadingTrivia(SyntaxFactory.Space)
                .WithTrailingTrivia(SyntaxFactory.Space))
            .WithExpressionBody(body.WithoutTrivia());

    /// <summary><c>receiver.name(arguments)</c>, with the given dot token so line breaks stay where they were.</summary>
    public static InvocationExpressionSyntax Call(
        ExpressionSyntax receiver, SyntaxToken dot, string name, ArgumentListSyntax arguments) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression, receiver, dot, SyntaxFactory.IdentifierName(name)),
            arguments);

    /// <summary>An argument list holding one expression.</summary>
    public static ArgumentListSyntax Arguments(ExpressionSyntax argument) =>
        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument)));
}
