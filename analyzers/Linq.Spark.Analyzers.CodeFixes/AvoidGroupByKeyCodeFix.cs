using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Spark.Analyzers;

/// <summary>LQS001 fix: rewrites a group computation into the single aggregate it stands for.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AvoidGroupByKeyCodeFix)), Shared]
public sealed class AvoidGroupByKeyCodeFix : SparkCodeFixProvider
{
    /// <summary>Creates the fix.</summary>
    public AvoidGroupByKeyCodeFix()
        : base(DiagnosticIds.AvoidGroupByKey)
    {
    }

    private protected override string Title(string fix) => fix switch
    {
        DiagnosticProperties.AggregateToSum => "Use Sum instead of Aggregate",
        DiagnosticProperties.DropSelect => "Count the group directly",
        _ => "Use a single aggregate over the group",
    };

    private protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, string fix)
    {
        var top = root.NodeAt<InvocationExpressionSyntax>(diagnostic.Location);
        if (top?.Expression is not MemberAccessExpressionSyntax topAccess)
        {
            return null;
        }

        ExpressionSyntax? replacement = fix switch
        {
            DiagnosticProperties.FoldSelect or DiagnosticProperties.FoldWhere
                when topAccess.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax innerAccess } inner
                => inner.WithExpression(innerAccess.WithName(topAccess.Name)),
            DiagnosticProperties.DropSelect
                when topAccess.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax innerAccess }
                => top.WithExpression(topAccess.WithExpression(innerAccess.Expression)),
            DiagnosticProperties.AggregateToSum => AggregateToSum(top, topAccess),
            _ => null,
        };

        return replacement is null ? null : root.ReplaceNode(top, replacement.WithTriviaFrom(top));
    }

    /// <summary><c>g.Aggregate(0, (a, x) =&gt; a + E)</c> becomes <c>g.Sum(x =&gt; E)</c>.</summary>
    private static ExpressionSyntax? AggregateToSum(InvocationExpressionSyntax top, MemberAccessExpressionSyntax access)
    {
        if (top.ArgumentList.Arguments.Count != 2
            || top.ArgumentList.Arguments[1].Expression is not ParenthesizedLambdaExpressionSyntax
            {
                ParameterList.Parameters.Count: 2,
                ExpressionBody: BinaryExpressionSyntax body,
            } lambda)
        {
            return null;
        }

        var accumulator = lambda.ParameterList.Parameters[0].Identifier.ValueText;
        var element = lambda.ParameterList.Parameters[1].Identifier.ValueText;
        ExpressionSyntax term;
        if (body.Left is IdentifierNameSyntax left && left.Identifier.ValueText == accumulator)
        {
            term = body.Right;
        }
        else if (body.Right is IdentifierNameSyntax right && right.Identifier.ValueText == accumulator)
        {
            term = body.Left;
        }
        else
        {
            return null;
        }

        return top
            .WithExpression(access.WithName(SyntaxFactory.IdentifierName("Sum")))
            .WithArgumentList(SyntaxHelpers.Arguments(SyntaxHelpers.Lambda(element, term)));
    }
}
