using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS008: Take/First/ElementAt/Skip after a shuffle with no OrderBy between.</summary>
/// <remarks>
/// Walks back from the positional operator over narrow operators; a sort first means the answer is defined,
/// a shuffle first means it is not. An earlier positional operator stops the walk (it was reported itself).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NondeterministicLimitAnalyzer : SparkInvocationAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NondeterministicLimit);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        if (!QueryOperators.IsPositional(invocation.TargetMethod.Name) || !symbols.IsChainOperator(invocation.TargetMethod))
        {
            return;
        }

        var chain = QueryChain.For(invocation, symbols);
        if (chain is null)
        {
            return;
        }

        var steps = chain.Steps;
        for (var i = steps.Length - 2; i >= 0; i--)
        {
            var step = steps[i];
            if (QueryOperators.IsSort(step.Name) || QueryOperators.IsPositional(step.Name))
            {
                return;
            }

            if (step.IsShuffle(symbols))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    context.WithShippedHelpLink(DiagnosticDescriptors.NondeterministicLimit),
                    invocation.OperatorLocation(),
                    invocation.TargetMethod.Name,
                    step.Name));
                return;
            }
        }
    }
}
