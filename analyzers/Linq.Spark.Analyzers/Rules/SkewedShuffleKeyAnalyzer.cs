using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS012: a GroupBy or join key that is a constant, a bool or a tiny enum, so a few tasks get all rows.</summary>
/// <remarks>
/// A join on two constant keys is a cartesian product, which LQS003 reports instead.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SkewedShuffleKeyAnalyzer : SparkInvocationAnalyzer
{
    /// <summary>An enum with at most this many members is tiny.</summary>
    public const int TinyEnumMembers = 4;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SkewedShuffleKey);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        var name = invocation.TargetMethod.Name;
        var isJoin = QueryOperators.IsJoin(name);
        if (!(isJoin || name is "GroupBy" or "CountBy" or "AggregateBy") || !symbols.IsChainOperator(invocation.TargetMethod))
        {
            return;
        }

        (string Description, int Tasks)? skew;
        if (isJoin)
        {
            var outerKey = invocation.ArgumentValue("outerKeySelector").AsLambda()?.ReturnedValue();
            var innerKey = invocation.ArgumentValue("innerKeySelector").AsLambda()?.ReturnedValue();
            if (outerKey is null || innerKey is null || outerKey.IsConstant() && innerKey.IsConstant())
            {
                return;
            }

            skew = Skew(outerKey) ?? Skew(innerKey);
        }
        else
        {
            var key = invocation.ArgumentValue("keySelector").AsLambda()?.ReturnedValue();
            skew = key is null ? null : Skew(key);
        }

        if (skew is not { } found || QueryChain.For(invocation, symbols) is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            context.WithShippedHelpLink(DiagnosticDescriptors.SkewedShuffleKey),
            invocation.OperatorLocation(), name, found.Description, found.Tasks));
    }

    private static (string Description, int Tasks)? Skew(IOperation key)
    {
        if (key.IsConstant())
        {
            return ("a constant", 1);
        }

        var type = key.Type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type?.SpecialType == SpecialType.System_Boolean)
        {
            return ("a bool", 2);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            var members = 0;
            foreach (var member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true })
                {
                    members++;
                }
            }

            if (members <= TinyEnumMembers)
            {
                return ($"the enum '{enumType.Name}' with {members} values", members == 0 ? 1 : members);
            }
        }

        return null;
    }
}
