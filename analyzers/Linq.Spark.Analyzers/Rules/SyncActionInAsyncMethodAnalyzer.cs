using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS013: a synchronous action (ToList, Count, ...) on a Linq.Spark query inside an async method.</summary>
/// <remarks>
/// The innermost enclosing function decides: an action in a non-async lambda inside an async method is not
/// reported, and neither is one in the program's entry point (top-level statements or an async Main), while an
/// async lambda or local function inside the entry point is. ToList gets a fix to <c>await ToListAsync(ct)</c>, using a CancellationToken parameter of the
/// async function when there is one (the <see cref="DiagnosticProperties.CancellationToken"/> property).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncActionInAsyncMethodAnalyzer : SparkInvocationAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SyncActionInAsyncMethod);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        var method = invocation.TargetMethod;
        var isAction = symbols.IsEnumerableMethod(method)
            ? QueryOperators.IsEnumerableAction(method.Name)
            : SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Queryable)
                && QueryOperators.IsQueryableAction(method.Name);
        if (!isAction)
        {
            return;
        }

        var function = EnclosingFunction(invocation, context.ContainingSymbol);
        if (function is not { IsAsync: true } || QueryChain.For(invocation, symbols) is null
            || IsEntryPoint(function, context))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        string replacement;
        if (method.Name == "ToList")
        {
            replacement = "await ToListAsync(ct)";
            properties = properties.Add(DiagnosticProperties.Fix, DiagnosticProperties.UseToListAsync);
            foreach (var parameter in function.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.CancellationToken))
                {
                    properties = properties.Add(DiagnosticProperties.CancellationToken, parameter.Name);
                    break;
                }
            }
        }
        else
        {
            replacement = "await ToListAsync(ct) or AsAsyncEnumerable(ct)";
        }

        context.ReportDiagnostic(Diagnostic.Create(
            context.WithShippedHelpLink(DiagnosticDescriptors.SyncActionInAsyncMethod),
            invocation.OperatorLocation(),
            properties,
            method.Name,
            replacement));
    }

    /// <summary>
    /// Whether <paramref name="function"/> is the program's entry point: top-level statements or an async Main.
    /// </summary>
    /// <remarks>
    /// The rule is for async code that shares the thread pool with other work (a request, a UI event); the entry
    /// point is the whole program, so a thread it blocks starves nothing. The compilation's own answer is used, so
    /// a Main in a library or a Main that is not the one chosen stays reported. Asked only when about to report.
    /// </remarks>
    private static bool IsEntryPoint(IMethodSymbol function, OperationAnalysisContext context) =>
        function.MethodKind == MethodKind.Ordinary && function.IsStatic
        && SymbolEqualityComparer.Default.Equals(context.Compilation.GetEntryPoint(context.CancellationToken), function);

    private static IMethodSymbol? EnclosingFunction(IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol;
            }
        }

        return containingSymbol as IMethodSymbol;
    }
}
