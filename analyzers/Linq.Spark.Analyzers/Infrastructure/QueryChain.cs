using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>A Linq.Spark query chain: its source and the operator calls on it, source first.</summary>
/// <remarks>
/// A chain is a Linq.Spark query when it starts at a SparkSession method (Parallelize, readers), or some link's
/// static type is ISparkQueryable&lt;T&gt;, or it starts at a local whose initializer is such a chain; the local's
/// steps are then part of this chain (<see cref="QueryStep.FromLocal"/>). Anything else, such as an EF Core
/// DbSet or <c>list.AsQueryable()</c>, yields no chain, so no rule ever looks at it.
/// </remarks>
internal sealed class QueryChain
{
    private const int MaxLocalDepth = 8;

    private QueryChain(ImmutableArray<QueryStep> steps, IOperation root, ILocalSymbol? rootLocal)
    {
        Steps = steps;
        Root = root;
        RootLocal = rootLocal;
    }

    /// <summary>The operator calls, source first; the last one is the analyzed call.</summary>
    public ImmutableArray<QueryStep> Steps { get; }

    /// <summary>The expression the chain starts at (a Parallelize call, a parameter, a field...).</summary>
    public IOperation Root { get; }

    /// <summary>The local the analyzed expression starts at, when it starts at one.</summary>
    public ILocalSymbol? RootLocal { get; }

    /// <summary>The last step: the call the chain was built for.</summary>
    public QueryStep Last => Steps[Steps.Length - 1];

    /// <summary>The Parallelize (or other SparkSession) call the chain starts at, if it starts at one.</summary>
    public IInvocationOperation? SessionSource(SparkSymbols symbols) =>
        Root is IInvocationOperation invocation
        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.Session)
            ? invocation
            : null;

    /// <summary>
    /// Source text of an expression that yields the chain's session when it is a plain name (local, parameter,
    /// field or property), so a code fix can call Parallelize on it; otherwise null.
    /// </summary>
    public string? SessionExpressionText(SparkSymbols symbols)
    {
        var instance = SessionSource(symbols)?.Instance;
        return instance is ILocalReferenceOperation or IParameterReferenceOperation
            or IFieldReferenceOperation or IPropertyReferenceOperation
            && instance.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax
            ? instance.Syntax.ToString()
            : null;
    }

    /// <summary>The chain ending at <paramref name="invocation"/>, or null when it is not a Linq.Spark query.</summary>
    /// <remarks>
    /// The call must be a Queryable or SparkQueryableExtensions operator, or an Enumerable action such as
    /// ToList applied directly to a Linq.Spark query.
    /// </remarks>
    public static QueryChain? For(IInvocationOperation invocation, SparkSymbols symbols) =>
        Build(invocation, symbols, depth: 0);

    /// <summary>Whether <paramref name="operation"/> evaluates to a Linq.Spark query.</summary>
    public static bool IsSparkQuery(IOperation? operation, SparkSymbols symbols)
    {
        if (operation is null)
        {
            return false;
        }

        if (symbols.IsSparkQueryableType(operation.Type))
        {
            return true;
        }

        var value = operation.WithoutConversions();
        switch (value)
        {
            case IInvocationOperation invocation:
                return For(invocation, symbols) is not null
                    || SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.Session);
            case ILocalReferenceOperation local:
                return symbols.IsSparkQueryableType(local.Type)
                    || ChainOfLocal(local.Local, local.SemanticModel, symbols, 0) is not null;
            default:
                return symbols.IsSparkQueryableType(value.Type);
        }
    }

    private static QueryChain? Build(IInvocationOperation invocation, SparkSymbols symbols, int depth)
    {
        var method = invocation.TargetMethod;
        if (!symbols.IsChainOperator(method)
            && !(symbols.IsEnumerableMethod(method) && QueryOperators.IsEnumerableAction(method.Name)))
        {
            return null;
        }

        var steps = ImmutableArray.CreateBuilder<QueryStep>();
        var isSpark = false;
        var current = invocation;
        IOperation? source;
        while (true)
        {
            steps.Add(new QueryStep(current, fromLocal: false));
            isSpark |= symbols.IsSparkQueryableType(current.Type);
            var rawSource = current.SourceArgument();
            if (rawSource is null)
            {
                return null;
            }

            isSpark |= symbols.IsSparkQueryableType(rawSource.Type);
            source = rawSource.WithoutConversions();
            isSpark |= symbols.IsSparkQueryableType(source.Type);
            if (source is IInvocationOperation next && symbols.IsChainOperator(next.TargetMethod))
            {
                current = next;
                continue;
            }

            break;
        }

        steps.Reverse();
        var root = source;
        ILocalSymbol? rootLocal = null;
        if (root is IInvocationOperation rootCall
            && SymbolEqualityComparer.Default.Equals(rootCall.TargetMethod.ContainingType, symbols.Session))
        {
            isSpark = true;
        }
        else if (root is ILocalReferenceOperation localReference)
        {
            rootLocal = localReference.Local;
            var localChain = ChainOfLocal(localReference.Local, localReference.SemanticModel, symbols, depth);
            if (localChain is not null)
            {
                isSpark = true;
                var combined = ImmutableArray.CreateBuilder<QueryStep>(localChain.Steps.Length + steps.Count);
                foreach (var step in localChain.Steps)
                {
                    combined.Add(step.FromLocal ? step : new QueryStep(step.Invocation, fromLocal: true));
                }

                combined.AddRange(steps);
                return new QueryChain(combined.MoveToImmutable(), localChain.Root, rootLocal);
            }
        }

        return isSpark ? new QueryChain(steps.ToImmutable(), root, rootLocal) : null;
    }

    private static QueryChain? ChainOfLocal(ILocalSymbol local, SemanticModel? model, SparkSymbols symbols, int depth)
    {
        if (depth >= MaxLocalDepth || model is null)
        {
            return null;
        }

        return symbols.ChainOfLocal(local, l => BuildFromInitializer(l, model, symbols, depth + 1));
    }

    private static QueryChain? BuildFromInitializer(ILocalSymbol local, SemanticModel model, SparkSymbols symbols, int depth)
    {
        var initializer = InitializerOf(local, model);
        if (initializer is null)
        {
            return null;
        }

        var value = initializer.WithoutConversions();
        if (value is IInvocationOperation invocation)
        {
            if (symbols.IsChainOperator(invocation.TargetMethod))
            {
                return Build(invocation, symbols, depth);
            }

            if (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.Session))
            {
                return new QueryChain(ImmutableArray<QueryStep>.Empty, invocation, null);
            }
        }

        return null;
    }

    /// <summary>The operation of a local's initializer value, when the local is declared with one.</summary>
    public static IOperation? InitializerOf(ILocalSymbol local, SemanticModel model)
    {
        if (local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        if (local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } valueSyntax })
        {
            return null;
        }

        return valueSyntax.SyntaxTree == model.SyntaxTree ? model.GetOperation(valueSyntax) : null;
    }
}
