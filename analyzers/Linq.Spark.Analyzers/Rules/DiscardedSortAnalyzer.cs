using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS004: OrderBy/ThenBy followed by a shuffle that discards the order, with no Take between.</summary>
/// <remarks>
/// Checked at the discarding shuffle (GroupBy, joins, Distinct, set operations, Repartition...), walking back
/// over narrow operators to the sort; a join's inner side is checked the same way. The diagnostic sits on the
/// OrderBy. When the sort is written in the same expression, the additional locations are the whole sort
/// (the outermost ThenBy call) and the OrderBy's source, which the code fix puts in its place; in query syntax
/// the single additional location is the orderby clause, which the fix removes.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DiscardedSortAnalyzer : SparkInvocationAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DiscardedSort);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        var name = invocation.TargetMethod.Name;
        if (!QueryOperators.DiscardsOrder(name) || !symbols.IsChainOperator(invocation.TargetMethod))
        {
            return;
        }

        var chain = QueryChain.For(invocation, symbols);
        if (chain is null || !chain.Last.IsShuffle(symbols))
        {
            return;
        }

        var steps = chain.Steps;
        Check(context, steps, steps.Length - 2, name);
        if (QueryOperators.IsJoin(name) && chain.Last.Argument("inner") is IInvocationOperation inner
            && QueryChain.For(inner, symbols) is { } innerChain)
        {
            Check(context, innerChain.Steps, innerChain.Steps.Length - 1, name);
        }
    }

    private static void Check(OperationAnalysisContext context, ImmutableArray<QueryStep> steps, int from, string shuffle)
    {
        int sortEnd = -1;
        for (var i = from; i >= 0; i--)
        {
            var stepName = steps[i].Name;
            if (QueryOperators.IsSort(stepName))
            {
                sortEnd = i;
                break;
            }

            if (QueryOperators.IsShuffleName(stepName) || QueryOperators.IsPositional(stepName) || !IsNarrow(stepName))
            {
                return;
            }
        }

        if (sortEnd < 0)
        {
            return;
        }

        var sortStart = sortEnd;
        while (sortStart > 0 && QueryOperators.IsSortContinuation(steps[sortStart].Name))
        {
            sortStart--;
        }

        if (!QueryOperators.IsSortStart(steps[sortStart].Name))
        {
            return;
        }

        var start = steps[sortStart];
        var end = steps[sortEnd];
        var additional = ImmutableArray<Location>.Empty;
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (!start.FromLocal)
        {
            if (start.Invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                && end.Invocation.Syntax is InvocationExpressionSyntax endSyntax)
            {
                additional = ImmutableArray.Create(endSyntax.GetLocation(), access.Expression.GetLocation());
                properties = properties.Add(DiagnosticProperties.Fix, DiagnosticProperties.Remove);
            }
            else if (start.Invocation.Syntax is OrderingSyntax { Parent: OrderByClauseSyntax clause }
                && end.Invocation.Syntax.Parent == clause)
            {
                additional = ImmutableArray.Create(clause.GetLocation());
                properties = properties.Add(DiagnosticProperties.Fix, DiagnosticProperties.Remove);
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.DiscardedSort,
            start.Invocation.OperatorLocation(),
            additional,
            properties,
            start.Name,
            shuffle));
    }

    /// <summary>Operators that keep rows where they are and so carry a sort through to the next operator.</summary>
    private static bool IsNarrow(string name) => name is "Where" or "Select" or "SelectMany" or "Cast" or "OfType"
        or "AsQueryable" or "Cache" or "Coalesce" or "Append" or "Prepend" or "Concat";
}
