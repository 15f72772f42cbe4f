using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS003: an implicit cartesian product of two session queries.</summary>
/// <remarks>
/// Two shapes: a SelectMany (a second <c>from</c>) whose collection is another Linq.Spark query that does not
/// read the outer row, and a join whose outer and inner keys are both constants.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CartesianProductAnalyzer : SparkInvocationAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CartesianProduct);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        var name = invocation.TargetMethod.Name;
        if (!(name == "SelectMany" || QueryOperators.IsJoin(name)) || !symbols.IsChainOperator(invocation.TargetMethod))
        {
            return;
        }

        string? reason = null;
        if (name == "SelectMany")
        {
            var collection = (invocation.ArgumentValue("collectionSelector") ?? invocation.ArgumentValue("selector")).AsLambda();
            if (collection is not null && collection.ReturnedValue() is { } inner
                && !ReadsAnyParameter(inner, collection) && QueryChain.IsSparkQuery(inner, symbols))
            {
                reason = "the second query does not depend on the first";
            }
        }
        else
        {
            var outerKey = invocation.ArgumentValue("outerKeySelector").AsLambda()?.ReturnedValue();
            var innerKey = invocation.ArgumentValue("innerKeySelector").AsLambda()?.ReturnedValue();
            if (outerKey is not null && innerKey is not null && outerKey.IsConstant() && innerKey.IsConstant())
            {
                reason = "both join keys are constants";
            }
        }

        if (reason is not null && QueryChain.For(invocation, symbols) is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                context.WithShippedHelpLink(DiagnosticDescriptors.CartesianProduct),
                invocation.OperatorLocation(), name, reason));
        }
    }

    private static bool ReadsAnyParameter(IOperation operation, IAnonymousFunctionOperation lambda)
    {
        foreach (var parameter in lambda.Symbol.Parameters)
        {
            if (operation.References(parameter))
            {
                return true;
            }
        }

        return false;
    }
}
