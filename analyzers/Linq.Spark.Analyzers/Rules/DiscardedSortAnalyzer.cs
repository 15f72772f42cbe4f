using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS004: OrderBy/ThenBy followed by a shuffle that discards the order, with no Take between.</summary>
/// <remarks>
/// Checked from the sort forward, over ThenBy and narrow operators, to a GroupBy, join, Distinct, set operation
/// or Repartition (or to being a join's inner side); the diagnostic sits on the OrderBy. Its additional
/// locations are the whole sort (the outermost ThenBy call) and the OrderBy's source, which the code fix puts in
/// its place, or, in query syntax, the orderby clause, which the fix removes. A sort kept in a local and
/// shuffled in a later statement is reported at that shuffle, without a fix, since the local may have other uses.
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
        if (!symbols.IsChainOperator(invocation.TargetMethod))
        {
            return;
        }

        if (QueryOperators.IsSortStart(name))
        {
            AnalyzeSort(context, invocation, symbols);
        }
        else if (QueryOperators.DiscardsOrder(name))
        {
            AnalyzeShuffleOfLocal(context, invocation, symbols);
        }
    }

    private static void AnalyzeSort(OperationAnalysisContext context, IInvocationOperation sort, SparkSymbols symbols)
    {
        var current = sort;
        var sortEnd = sort;
        string? shuffle = null;
        while (shuffle is null)
        {
            var consumer = current.Consumer();
            if (consumer is null || !symbols.IsChainOperator(consumer.TargetMethod))
            {
                shuffle = current.JoinTakingAsInner(symbols)?.TargetMethod.Name;
                break;
            }

            var name = consumer.TargetMethod.Name;
            if (QueryOperators.IsSortContinuation(name) && current == sortEnd)
            {
                sortEnd = consumer;
            }
            else if (QueryOperators.DiscardsOrder(name) && !new QueryStep(consumer, false).IsBroadcastJoin(symbols))
            {
                shuffle = name;
            }
            else if (!IsNarrow(name))
            {
                return;
            }

            current = consumer;
        }

        if (shuffle is null || QueryChain.For(sort, symbols) is null)
        {
            return;
        }

        var additional = ImmutableArray<Location>.Empty;
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (sort.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            && sortEnd.Syntax is InvocationExpressionSyntax endSyntax)
        {
            additional = ImmutableArray.Create(endSyntax.GetLocation(), access.Expression.GetLocation());
            properties = properties.Add(DiagnosticProperties.Fix, DiagnosticProperties.Remove);
        }
        else if (sort.Syntax is OrderingSyntax { Parent: OrderByClauseSyntax clause } && sortEnd.Syntax.Parent == clause)
        {
            additional = ImmutableArray.Create(clause.GetLocation());
            properties = properties.Add(DiagnosticProperties.Fix, DiagnosticProperties.Remove);
        }

        context.ReportDiagnostic(Diagnostic.Create(
            context.WithShippedHelpLink(DiagnosticDescriptors.DiscardedSort),
            sort.OperatorLocation(), additional, properties, sort.TargetMethod.Name, shuffle));
    }

    /// <summary>A shuffle whose source chain reaches, over narrow operators, a sort kept in a local.</summary>
    private static void AnalyzeShuffleOfLocal(OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        var chain = QueryChain.For(invocation, symbols);
        if (chain is null || !chain.Last.IsShuffle(symbols))
        {
            return;
        }

        var steps = chain.Steps;
        for (var i = steps.Length - 2; i >= 0; i--)
        {
            var step = steps[i];
            if (QueryOperators.IsSort(step.Name))
            {
                if (!step.FromLocal)
                {
                    return;
                }

                while (i > 0 && QueryOperators.IsSortContinuation(steps[i].Name))
                {
                    i--;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    context.WithShippedHelpLink(DiagnosticDescriptors.DiscardedSort),
                    invocation.OperatorLocation(), steps[i].Name, invocation.TargetMethod.Name));
                return;
            }

            if (!IsNarrow(step.Name))
            {
                return;
            }
        }
    }

    /// <summary>Operators that keep rows where they are and so carry a sort through to the next operator.</summary>
    private static bool IsNarrow(string name) => name is "Where" or "Select" or "SelectMany" or "Cast" or "OfType"
        or "AsQueryable" or "Cache" or "Coalesce" or "Append" or "Prepend" or "Concat";
}
