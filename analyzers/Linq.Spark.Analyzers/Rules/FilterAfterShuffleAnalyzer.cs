using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS005: a Where right after a GroupBy that tests only the key, or after a join that tests one side.</summary>
/// <remarks>
/// For a join, the result selector tells which side each member of the result comes from
/// (<c>(a, b) =&gt; new { a, b }</c>, which query syntax also produces); the filter may move only to a side whose
/// rows the join keeps unconditionally: either side of Join, the outer side of GroupJoin and LeftJoin, the
/// inner side of RightJoin. A join whose inner side is broadcast shuffles nothing, so it is left alone.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FilterAfterShuffleAnalyzer : SparkInvocationAnalyzer
{
    private const int Outer = 1;
    private const int Inner = 2;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.FilterAfterShuffle);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        if (invocation.TargetMethod.Name != "Where" || !symbols.IsChainOperator(invocation.TargetMethod)
            || invocation.SourceArgument()?.WithoutConversions() is not IInvocationOperation shuffle
            || !symbols.IsChainOperator(shuffle.TargetMethod))
        {
            return;
        }

        var predicate = invocation.ArgumentValue("predicate").AsLambda();
        if (predicate is null || predicate.Symbol.Parameters.Length != 1)
        {
            return;
        }

        var shuffleName = shuffle.TargetMethod.Name;
        string? tested = null;
        string? fix = null;
        if (shuffleName == "GroupBy" && shuffle.ArgumentValue("resultSelector") is null)
        {
            if (TestsOnlyKey(predicate))
            {
                tested = "the group key";
                fix = DiagnosticProperties.MoveBeforeGroupBy;
            }
        }
        else if (QueryOperators.IsJoin(shuffleName) && !new QueryStep(shuffle, false).IsBroadcastJoin(symbols))
        {
            var side = TestedSide(predicate, shuffle.ArgumentValue("resultSelector").AsLambda());
            var allowed = shuffleName switch
            {
                "Join" => Outer | Inner,
                "RightJoin" => Inner,
                _ => Outer,
            };
            if (side is Outer or Inner && (side & allowed) != 0)
            {
                var lambda = shuffle.ArgumentValue("resultSelector").AsLambda()!;
                var parameter = lambda.Symbol.Parameters[side == Outer ? 0 : 1];
                tested = (side == Outer ? "the outer side '" : "the inner side '") + parameter.Name + "'";
                fix = side == Outer ? DiagnosticProperties.MoveToOuter : DiagnosticProperties.MoveToInner;
            }
        }

        if (tested is null || QueryChain.For(invocation, symbols) is null)
        {
            return;
        }

        var mechanical = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }
            && shuffle.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax };
        var properties = mechanical
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, fix)
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(
            context.WithShippedHelpLink(DiagnosticDescriptors.FilterAfterShuffle),
            invocation.OperatorLocation(),
            ImmutableArray.Create(invocation.Syntax.GetLocation()),
            properties,
            tested,
            shuffleName));
    }

    private static bool TestsOnlyKey(IAnonymousFunctionOperation predicate)
    {
        var group = predicate.Symbol.Parameters[0];
        var uses = 0;
        foreach (var descendant in predicate.Body.Descendants())
        {
            if (descendant is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter, group))
            {
                if (reference.Parent is not IPropertyReferenceOperation { Property.Name: "Key" })
                {
                    return false;
                }

                uses++;
            }
        }

        return uses > 0;
    }

    /// <summary>Which join side (<see cref="Outer"/>, <see cref="Inner"/>, both or 0) the predicate reads.</summary>
    private static int TestedSide(IAnonymousFunctionOperation predicate, IAnonymousFunctionOperation? resultSelector)
    {
        if (resultSelector is null || resultSelector.Symbol.Parameters.Length != 2
            || resultSelector.ReturnedValue() is not { } result)
        {
            return 0;
        }

        var outer = resultSelector.Symbol.Parameters[0];
        var inner = resultSelector.Symbol.Parameters[1];
        var wholeSide = 0;
        Dictionary<IPropertySymbol, int>? members = null;
        if (result is IParameterReferenceOperation direct)
        {
            wholeSide = SymbolEqualityComparer.Default.Equals(direct.Parameter, outer) ? Outer : Inner;
        }
        else if (result is IAnonymousObjectCreationOperation creation)
        {
            members = new Dictionary<IPropertySymbol, int>(SymbolEqualityComparer.Default);
            foreach (var initializer in creation.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
                {
                    var value = assignment.Value;
                    members[target.Property] = (value.References(outer) ? Outer : 0) | (value.References(inner) ? Inner : 0);
                }
            }
        }
        else
        {
            return 0;
        }

        var row = predicate.Symbol.Parameters[0];
        var side = 0;
        foreach (var descendant in predicate.Body.Descendants())
        {
            if (descendant is not IParameterReferenceOperation reference
                || !SymbolEqualityComparer.Default.Equals(reference.Parameter, row))
            {
                continue;
            }

            if (members is null)
            {
                side |= wholeSide;
            }
            else if (reference.Parent is IPropertyReferenceOperation member
                && members.TryGetValue(member.Property, out var memberSide))
            {
                side |= memberSide;
            }
            else
            {
                return 0;
            }
        }

        return side;
    }
}
