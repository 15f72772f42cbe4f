using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS001: a GroupBy whose groups are used as collections where an aggregate would do (groupByKey).</summary>
/// <remarks>
/// Looks at the lambdas that receive the groups: the operator right after a GroupBy (<c>g =&gt; ...</c>), or a
/// GroupBy result selector (<c>(key, g) =&gt; ...</c>). Inside them, a call chain that starts at the group is
/// reported when it materializes the group (ToList, ToArray...) anywhere along it, also when an aggregate follows
/// (<c>g.ToList().Sum(f)</c>), or computes with Select/Where/Aggregate what a single aggregate computes, which
/// Spark combines on the map side before the shuffle.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AvoidGroupByKeyAnalyzer : SparkInvocationAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.AvoidGroupByKey);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        if (!symbols.IsChainOperator(invocation.TargetMethod))
        {
            return;
        }

        var groupsFromResultSelector = invocation.TargetMethod.Name == "GroupBy"
            && invocation.ArgumentValue("resultSelector") is not null;
        if (!groupsFromResultSelector && !TakesGroups(invocation, symbols))
        {
            return;
        }

        var chain = QueryChain.For(invocation, symbols);
        if (chain is null)
        {
            return;
        }

        if (!groupsFromResultSelector)
        {
            var steps = chain.Steps;
            if (steps.Length < 2 || steps[steps.Length - 2] is not { Name: "GroupBy" } groupBy
                || groupBy.Argument("resultSelector") is not null)
            {
                return;
            }
        }

        foreach (var argument in invocation.Arguments)
        {
            var lambda = argument.Value.AsLambda();
            if (lambda is null)
            {
                continue;
            }

            var parameters = lambda.Symbol.Parameters;
            var groupIndex = groupsFromResultSelector ? 1 : 0;
            if (parameters.Length <= groupIndex
                || groupsFromResultSelector && argument.Parameter?.Name != "resultSelector"
                || !groupsFromResultSelector && !symbols.IsGroupingType(parameters[groupIndex].Type))
            {
                continue;
            }

            AnalyzeGroupLambda(context, lambda, parameters[groupIndex], symbols);
        }
    }

    /// <summary>Whether some lambda argument receives IGrouping values (the operator runs on groups).</summary>
    private static bool TakesGroups(IInvocationOperation invocation, SparkSymbols symbols)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.AsLambda() is { Symbol.Parameters: { Length: > 0 } parameters }
                && symbols.IsGroupingType(parameters[0].Type))
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeGroupLambda(
        OperationAnalysisContext context, IAnonymousFunctionOperation lambda, IParameterSymbol group, SparkSymbols symbols)
    {
        foreach (var descendant in lambda.Body.Descendants())
        {
            if (descendant is not IParameterReferenceOperation reference
                || !SymbolEqualityComparer.Default.Equals(reference.Parameter, group))
            {
                continue;
            }

            var uses = UsesStartingAt(reference, symbols);
            if (uses.Count == 0)
            {
                continue;
            }

            var top = uses[uses.Count - 1];
            var (description, fix) = Classify(uses, symbols);
            if (description is null)
            {
                continue;
            }

            var properties = fix is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, fix);
            context.ReportDiagnostic(Diagnostic.Create(
                context.WithShippedHelpLink(DiagnosticDescriptors.AvoidGroupByKey),
                top.Syntax.GetLocation(), properties, group.Name, description));
        }
    }

    /// <summary>The LINQ calls applied one after another to the group, innermost first.</summary>
    private static List<IInvocationOperation> UsesStartingAt(IParameterReferenceOperation reference, SparkSymbols symbols)
    {
        var uses = new List<IInvocationOperation>();
        IOperation current = reference;
        while (true)
        {
            var parent = current.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IArgumentOperation { Parameter.Ordinal: 0 } argument
                && argument.Parent is IInvocationOperation call
                && symbols.IsEnumerableMethod(call.TargetMethod))
            {
                uses.Add(call);
                current = call;
                continue;
            }

            return uses;
        }
    }

    private static (string? Description, string? Fix) Classify(List<IInvocationOperation> uses, SparkSymbols symbols)
    {
        var top = uses[uses.Count - 1];
        var topName = top.TargetMethod.Name;
        if (QueryOperators.IsEnumerableAction(topName))
        {
            return (topName + "()", null);
        }

        // A group materialized part-way (g.ToList().Sum(f)) has shipped every row by the time the aggregate runs,
        // whatever comes after it, so the whole chain is reported; dropping the copy is left to the author.
        for (var i = 0; i < uses.Count - 1; i++)
        {
            if (QueryOperators.IsEnumerableAction(uses[i].TargetMethod.Name))
            {
                return (Describe(uses), null);
            }
        }

        var parameterless = top.Arguments.Length == 1;
        if (uses.Count == 2 && parameterless)
        {
            var first = uses[0].TargetMethod.Name;
            if (first == "Select" && topName is "Sum" or "Min" or "Max" or "Average")
            {
                return ($"Select(...).{topName}()", DiagnosticProperties.FoldSelect);
            }

            if (first == "Select" && topName is "Count" or "LongCount")
            {
                return ($"Select(...).{topName}()", DiagnosticProperties.DropSelect);
            }

            if (first == "Where" && topName is "Count" or "LongCount" or "Any")
            {
                return ($"Where(...).{topName}()", DiagnosticProperties.FoldWhere);
            }
        }

        if (uses.Count == 1 && topName == "Aggregate" && top.Arguments.Length == 3)
        {
            var seed = top.ArgumentValue("seed");
            var func = top.ArgumentValue("func").AsLambda();
            if (seed is not null && func is not null && IsAssociative(func, symbols, out var isSum))
            {
                var mechanical = isSum && seed.ConstantValue is { HasValue: true, Value: 0 or 0L or 0d or 0f or 0m };
                return ("Aggregate with an associative body", mechanical ? DiagnosticProperties.AggregateToSum : null);
            }
        }

        return (null, null);
    }

    /// <summary>The chain of calls on the group as the message shows it, e.g. <c>ToList().Sum(...)</c>.</summary>
    private static string Describe(List<IInvocationOperation> uses)
    {
        var text = new StringBuilder();
        foreach (var use in uses)
        {
            text.Append(text.Length == 0 ? "" : ".").Append(use.TargetMethod.Name).Append(use.Arguments.Length > 1 ? "(...)" : "()");
        }

        return text.ToString();
    }

    /// <summary>Whether the accumulator lambda is <c>(a, x) =&gt; a op f(x)</c> with an associative op.</summary>
    private static bool IsAssociative(IAnonymousFunctionOperation func, SparkSymbols symbols, out bool isSum)
    {
        isSum = false;
        var parameters = func.Symbol.Parameters;
        if (parameters.Length != 2 || func.ReturnedValue() is not { } body)
        {
            return false;
        }

        var accumulator = parameters[0];
        switch (body)
        {
            case IBinaryOperation binary when binary.OperatorKind is BinaryOperatorKind.Add
                or BinaryOperatorKind.Multiply or BinaryOperatorKind.And or BinaryOperatorKind.Or
                or BinaryOperatorKind.ExclusiveOr or BinaryOperatorKind.ConditionalAnd
                or BinaryOperatorKind.ConditionalOr:
                var left = binary.LeftOperand.WithoutConversions();
                var right = binary.RightOperand.WithoutConversions();
                if (IsReferenceTo(left, accumulator) && !right.References(accumulator))
                {
                    isSum = IsSummable(binary, binary.RightOperand);
                    return true;
                }

                if (IsReferenceTo(right, accumulator) && !left.References(accumulator))
                {
                    isSum = IsSummable(binary, binary.LeftOperand);
                    return true;
                }

                return false;
            case IInvocationOperation { TargetMethod.Name: "Max" or "Min" } call
                when SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, symbols.Math)
                && call.Arguments.Length == 2:
                var first = call.Arguments[0].Value.WithoutConversions();
                var second = call.Arguments[1].Value.WithoutConversions();
                return IsReferenceTo(first, accumulator) && !second.References(accumulator)
                    || IsReferenceTo(second, accumulator) && !first.References(accumulator);
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether <c>a + term</c> can become <c>Sum(x =&gt; term)</c> with the same type: an addition of a number type
    /// that Sum has an overload for, with no widening of the term (a long accumulator over int terms would turn
    /// into an int Sum).
    /// </summary>
    private static bool IsSummable(IBinaryOperation binary, IOperation term) =>
        binary.OperatorKind == BinaryOperatorKind.Add
        && binary.OperatorMethod is null
        && term is not IConversionOperation
        && binary.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
            or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal;

    private static bool IsReferenceTo(IOperation operation, IParameterSymbol parameter) =>
        operation is IParameterReferenceOperation reference
        && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
}
