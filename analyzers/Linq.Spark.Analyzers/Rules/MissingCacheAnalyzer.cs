using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS009: one query variable runs two or more actions, or an action inside a loop, without Cache().</summary>
/// <remarks>
/// Checked at each action whose query starts at a local holding a Linq.Spark query with no Cache() in its
/// definition. The action is reported when it sits in a loop that the local is declared outside of, or when it
/// is the second action on the local in source order (so a variable is reported once, however many actions
/// follow). An earlier <c>foreach</c> over the local counts as an action. The single additional location is the
/// local's initializer, where the fix appends Cache().
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingCacheAnalyzer : SparkInvocationAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingCache);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        if (!IsAction(invocation.TargetMethod, symbols))
        {
            return;
        }

        var chain = QueryChain.For(invocation, symbols);
        if (chain?.RootLocal is not { } local || invocation.SemanticModel is not { } model)
        {
            return;
        }

        foreach (var step in chain.Steps)
        {
            if (step.Name == "Cache" && symbols.IsSparkExtension(step.Method))
            {
                return;
            }
        }

        if (local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator
            || !QueryChain.IsSparkQuery(QueryChain.InitializerOf(local, model), symbols))
        {
            return;
        }

        string? reason = null;
        if (IsInLoopOutside(invocation, declarator))
        {
            reason = "it runs inside a loop";
        }
        else if (EarlierActions(invocation, local, declarator, model, symbols) == 1)
        {
            reason = "the second action on it";
        }

        if (reason is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            context.WithShippedHelpLink(DiagnosticDescriptors.MissingCache),
            invocation.OperatorLocation(),
            ImmutableArray.Create(initializer.GetLocation()),
            ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.AppendCache),
            local.Name,
            reason));
    }

    private static bool IsAction(IMethodSymbol method, SparkSymbols symbols)
    {
        if (symbols.IsEnumerableMethod(method))
        {
            return QueryOperators.IsEnumerableAction(method.Name);
        }

        if (symbols.IsSparkExtension(method))
        {
            return QueryOperators.IsAsyncAction(method.Name);
        }

        return SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Queryable)
            && QueryOperators.IsQueryableAction(method.Name);
    }

    private static bool IsInLoopOutside(IOperation operation, VariableDeclaratorSyntax declarator)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            if (current is ILoopOperation loop && !loop.Syntax.Span.Contains(declarator.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many actions on <paramref name="local"/> appear before <paramref name="invocation"/>.</summary>
    private static int EarlierActions(IInvocationOperation invocation, ILocalSymbol local,
        VariableDeclaratorSyntax declarator, SemanticModel model, SparkSymbols symbols)
    {
        var scope = declarator.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode?)declarator.Parent;
        if (scope is null)
        {
            return 0;
        }

        var count = 0;
        var end = invocation.Syntax.SpanStart;
        foreach (var node in scope.DescendantNodes(node => node.SpanStart < end))
        {
            if (node is not IdentifierNameSyntax identifier || identifier.SpanStart >= end
                || identifier.Identifier.ValueText != local.Name
                || model.GetOperation(identifier) is not ILocalReferenceOperation reference
                || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            if (IsActionUse(reference, symbols))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether the reference is the source of a chain that ends in an action, or of a foreach.</summary>
    private static bool IsActionUse(IOperation reference, SparkSymbols symbols)
    {
        var current = reference;
        while (true)
        {
            var parent = current.Parent;
            while (parent is IConversionOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            if (parent is IForEachLoopOperation loop && loop.Collection == current)
            {
                return true;
            }

            if (parent is IArgumentOperation { Parameter.Ordinal: 0 } && parent.Parent is IInvocationOperation call)
            {
                if (IsAction(call.TargetMethod, symbols))
                {
                    return true;
                }

                if (symbols.IsChainOperator(call.TargetMethod))
                {
                    current = call;
                    continue;
                }
            }

            return false;
        }
    }
}
