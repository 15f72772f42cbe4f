using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS002: more shuffles in one query chain than <c>linq_spark.max_shuffles</c> (default 2).</summary>
/// <remarks>
/// Reported once per chain, on the shuffle that goes over the limit, so a chain continued through a local is
/// not reported again. A sort followed by Take is a per-partition top-n (no exchange) and a join whose inner
/// side is Broadcast() does not shuffle its outer side; neither is counted.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShuffleLimitAnalyzer : SparkInvocationAnalyzer
{
    /// <summary>The .editorconfig key that sets the limit.</summary>
    public const string MaxShufflesOption = "linq_spark.max_shuffles";

    /// <summary>The limit when .editorconfig does not set one.</summary>
    public const int DefaultMaxShuffles = 2;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ShuffleLimit);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        if (!QueryOperators.IsShuffleName(invocation.TargetMethod.Name) || !symbols.IsChainOperator(invocation.TargetMethod))
        {
            return;
        }

        var chain = QueryChain.For(invocation, symbols);
        if (chain is null || !CountsAsShuffle(chain.Last, symbols))
        {
            return;
        }

        var count = 0;
        foreach (var step in chain.Steps)
        {
            if (CountsAsShuffle(step, symbols))
            {
                count++;
            }
        }

        var limit = MaxShuffles(context, invocation.Syntax.SyntaxTree);
        if (count == limit + 1)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                context.WithShippedHelpLink(DiagnosticDescriptors.ShuffleLimit),
                invocation.OperatorLocation(),
                invocation.TargetMethod.Name,
                count,
                limit));
        }
    }

    private static bool CountsAsShuffle(QueryStep step, SparkSymbols symbols)
    {
        if (!step.IsShuffle(symbols))
        {
            return false;
        }

        return !QueryOperators.IsSortStart(step.Name) || !EndsInTake(step.Invocation);
    }

    /// <summary>Whether a sort is followed, through ThenBy only, by Take or First (a top-n, no exchange).</summary>
    private static bool EndsInTake(IInvocationOperation sort)
    {
        var consumer = sort.Consumer();
        while (consumer is not null && QueryOperators.IsSortContinuation(consumer.TargetMethod.Name))
        {
            consumer = consumer.Consumer();
        }

        return consumer is not null && consumer.TargetMethod.Name is "Take" or "First" or "FirstOrDefault";
    }

    private static int MaxShuffles(OperationAnalysisContext context, SyntaxTree tree)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return options.TryGetValue(MaxShufflesOption, out var text)
            && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && value >= 0
                ? value
                : DefaultMaxShuffles;
    }
}
