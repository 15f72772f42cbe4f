using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS011: a call inside a Where, Select or key lambda that is outside the vectorizable set.</summary>
/// <remarks>
/// The vectorizable set is member access, constants, captured values, arithmetic, comparisons, logic,
/// conditionals, numeric casts, Math.Abs/Min/Max and DateOnly comparisons; of these only Math.Abs/Min/Max are
/// calls, so every other call is reported. Not reported: aggregates over a group (<c>g.Sum(...)</c>, which the
/// aggregation layer runs; LQS001 covers their misuse), and <c>Contains</c> on a captured collection (a semi-join
/// or IN-list, which LQS007 covers).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VectorizationBlockerAnalyzer : SparkInvocationAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.VectorizationBlocker);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        if (!symbols.IsChainOperator(invocation.TargetMethod))
        {
            return;
        }

        QueryChain? chain = null;
        foreach (var argument in invocation.Arguments)
        {
            var kind = LambdaKind(invocation.TargetMethod.Name, argument.Parameter?.Name);
            if (kind is null || argument.Value.AsLambda() is not { } lambda)
            {
                continue;
            }

            foreach (var descendant in lambda.Body.Descendants())
            {
                if (descendant is not IInvocationOperation call || IsAllowed(call, symbols))
                {
                    continue;
                }

                chain ??= QueryChain.For(invocation, symbols);
                if (chain is null)
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    context.WithShippedHelpLink(DiagnosticDescriptors.VectorizationBlocker),
                    call.Syntax.GetLocation(),
                    call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name,
                    kind));
            }
        }
    }

    private static string? LambdaKind(string method, string? parameter) => parameter switch
    {
        "predicate" when method == "Where" => "Where",
        "selector" when method == "Select" => "Select",
        "keySelector" or "outerKeySelector" or "innerKeySelector" => "key",
        _ => null,
    };

    private static bool IsAllowed(IInvocationOperation call, SparkSymbols symbols)
    {
        var method = call.TargetMethod;
        if (method.Name is "Abs" or "Min" or "Max"
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Math))
        {
            return true;
        }

        var root = call;
        IOperation? source;
        while (true)
        {
            source = root.SourceArgument()?.WithoutConversions();
            if (source is IInvocationOperation inner && symbols.IsEnumerableMethod(inner.TargetMethod))
            {
                root = inner;
                continue;
            }

            break;
        }

        if (source is IParameterReferenceOperation parameter && symbols.IsEnumerableMethod(root.TargetMethod)
            && symbols.IsGroupingType(parameter.Type))
        {
            return true;
        }

        return method.Name == "Contains"
            && source is ILocalReferenceOperation or IParameterReferenceOperation
            && symbols.CollectionKind(source.Type) is not null;
    }
}
