using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS006: a join whose inner side is an in-memory collection or ends in Take(n), not marked Broadcast().</summary>
/// <remarks>
/// The diagnostic sits on the inner argument. An inner local is followed to its initializer when that is the only
/// value it ever holds (<see cref="LocalValues"/>). For an inner query ending in Take the fix appends Broadcast()
/// where the query is used, which needs the inner expression to be typed as a query; for an in-memory collection it
/// wraps it as <c>session.Parallelize(inner).Broadcast()</c>, which needs a session the fix can name (the
/// <see cref="DiagnosticProperties.Session"/> property).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BroadcastSmallJoinSideAnalyzer : SparkInvocationAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.BroadcastSmallJoinSide);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        var name = invocation.TargetMethod.Name;
        if (!QueryOperators.IsJoin(name) || !symbols.IsChainOperator(invocation.TargetMethod))
        {
            return;
        }

        var inner = invocation.ArgumentValue("inner");
        if (inner is null)
        {
            return;
        }

        var chain = QueryChain.For(invocation, symbols);
        if (chain is null)
        {
            return;
        }

        string description;
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (LocalValues.Follow(inner) is IInvocationOperation { TargetMethod.Name: "Take" } take
            && symbols.IsChainOperator(take.TargetMethod) && QueryChain.For(take, symbols) is not null)
        {
            description = inner is ILocalReferenceOperation local
                ? $"'{local.Local.Name}', a query that ends in Take(n)"
                : "a query that ends in Take(n)";

            // Broadcast() extends IQueryable<T>: a local typed IEnumerable<T> cannot take it where it is used.
            if (symbols.IsQueryableType(inner.Type))
            {
                properties = properties.Add(DiagnosticProperties.Fix, DiagnosticProperties.AppendBroadcast);
            }
        }
        else if (!symbols.IsQueryableType(inner.Type) && symbols.CollectionKind(inner.Type) is { } kind)
        {
            description = "an in-memory " + kind;
            if (chain.SessionExpressionText(symbols) is { } session)
            {
                properties = properties
                    .Add(DiagnosticProperties.Fix, DiagnosticProperties.ParallelizeAndBroadcast)
                    .Add(DiagnosticProperties.Session, session);
            }
        }
        else
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            context.WithShippedHelpLink(DiagnosticDescriptors.BroadcastSmallJoinSide),
            inner.Syntax.GetLocation(), properties, name, description));
    }
}
