using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS010: a Repartition(n) that only lowers the partition count, or that a GroupBy/Join reshuffles at once.</summary>
/// <remarks>
/// The partition count before the Repartition is known when it is a constant: the <c>partitions</c> argument of
/// Parallelize or an earlier Repartition/Coalesce, with no shuffle between.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnnecessaryRepartitionAnalyzer : SparkInvocationAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnnecessaryRepartition);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        if (invocation.TargetMethod.Name != "Repartition" || !symbols.IsSparkExtension(invocation.TargetMethod))
        {
            return;
        }

        var chain = QueryChain.For(invocation, symbols);
        if (chain is null)
        {
            return;
        }

        string? reason = null;
        string? fix = null;
        var consumer = invocation.Consumer();
        if (consumer is not null && symbols.IsChainOperator(consumer.TargetMethod)
            && IsKeyedShuffle(consumer.TargetMethod.Name))
        {
            reason = $"the following '{consumer.TargetMethod.Name}' shuffles the rows again by its own key";
            fix = DiagnosticProperties.Remove;
        }
        else if (invocation.JoinTakingAsInner(symbols) is { } join)
        {
            reason = $"'{join.TargetMethod.Name}' shuffles its inner side again by the join key";
            fix = DiagnosticProperties.Remove;
        }
        else if (ConstantInt(invocation.ArgumentValue("n") ?? invocation.ArgumentAt(1)) is { } target
            && PartitionsBefore(chain, symbols) is { } before && target < before)
        {
            reason = $"it only lowers the partition count from {before} to {target}, which Coalesce({target}) does without a shuffle";
            fix = DiagnosticProperties.UseCoalesce;
        }

        if (reason is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            context.WithShippedHelpLink(DiagnosticDescriptors.UnnecessaryRepartition),
            invocation.OperatorLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, fix),
            reason));
    }

    private static bool IsKeyedShuffle(string name) =>
        QueryOperators.IsJoin(name) || name is "GroupBy" or "Distinct" or "DistinctBy" or "CountBy" or "AggregateBy";

    private static int? PartitionsBefore(QueryChain chain, SparkSymbols symbols)
    {
        var steps = chain.Steps;
        for (var i = steps.Length - 2; i >= 0; i--)
        {
            var step = steps[i];
            if (step.Name is "Repartition" or "Coalesce" && symbols.IsSparkExtension(step.Method))
            {
                return ConstantInt(step.Invocation.ArgumentAt(1));
            }

            if (step.IsShuffle(symbols))
            {
                return null;
            }
        }

        if (chain.SessionSource(symbols) is { TargetMethod.Name: "Parallelize" } parallelize
            && ConstantInt(parallelize.ArgumentAt(1)) is > 0 and var partitions)
        {
            return partitions;
        }

        return null;
    }

    private static int? ConstantInt(IOperation? operation) =>
        operation?.WithoutConversions().ConstantValue is { HasValue: true, Value: int value } ? value : null;
}
