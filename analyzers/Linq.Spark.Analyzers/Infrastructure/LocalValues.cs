using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>Follows a local to the one value it can hold: its initializer, when nothing else ever writes it.</summary>
/// <remarks>
/// Conservative by design: a local declared without an initializer, a ref local, or one that is assigned,
/// deconstructed into, incremented, or passed by <c>ref</c>/<c>out</c> anywhere in its scope (lambdas and local
/// functions included) has no known value, so a rule that needs one stays silent rather than guess.
/// </remarks>
internal static class LocalValues
{
    private const int MaxDepth = 8;

    /// <summary>
    /// The value <paramref name="operation"/> is known to hold, following locals assigned only at their
    /// declaration (<c>var a = q.Take(5); var b = a;</c>: <c>b</c> gives <c>q.Take(5)</c>), conversions removed;
    /// the operation itself when it is not such a local.
    /// </summary>
    public static IOperation Follow(IOperation operation)
    {
        var current = operation.WithoutConversions();
        for (var depth = 0; depth < MaxDepth && current is ILocalReferenceOperation reference; depth++)
        {
            if (reference.SemanticModel is not { } model || SoleValue(reference.Local, model) is not { } value)
            {
                break;
            }

            current = value.WithoutConversions();
        }

        return current;
    }

    /// <summary>The initializer of <paramref name="local"/> when it is the only write to it, otherwise null.</summary>
    public static IOperation? SoleValue(ILocalSymbol local, SemanticModel model)
    {
        if (local.IsRef || QueryChain.InitializerOf(local, model) is not { } initializer)
        {
            return null;
        }

        var declarator = local.DeclaringSyntaxReferences[0].GetSyntax();
        var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(node => node is BlockSyntax or SwitchSectionSyntax or CompilationUnitSyntax);
        if (scope is null)
        {
            return null;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (node is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name && IsWrittenAt(name)
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol, local))
            {
                return null;
            }
        }

        return initializer;
    }

    /// <summary>Whether the name stands where a value is stored into it (or may be, through a reference).</summary>
    private static bool IsWrittenAt(IdentifierNameSyntax name)
    {
        SyntaxNode node = name;
        while (true)
        {
            switch (node.Parent)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    node = parenthesized;
                    continue;
                case ArgumentSyntax { Parent: TupleExpressionSyntax tuple }:
                    node = tuple;
                    continue;
                case ArgumentSyntax argument:
                    return argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword);
                case AssignmentExpressionSyntax assignment:
                    return assignment.Left == node;
                case PrefixUnaryExpressionSyntax prefix:
                    return prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression)
                        || prefix.IsKind(SyntaxKind.AddressOfExpression);
                case PostfixUnaryExpressionSyntax postfix:
                    return postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression);
                case RefExpressionSyntax:
                    return true;
                default:
                    return false;
            }
        }
    }
}
