using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>
/// The shared shape of every rule: resolve the Linq.Spark symbols once per compilation, and look only at
/// invocation operations, and only in compilations that reference Linq.Spark.
/// </summary>
public abstract class SparkInvocationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = SparkSymbols.For(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            start.RegisterOperationAction(
                operationContext => AnalyzeInvocation(operationContext, (IInvocationOperation)operationContext.Operation, symbols),
                OperationKind.Invocation);
        });
    }

    /// <summary>Looks at one invocation; called only when the compilation references Linq.Spark.</summary>
    private protected abstract void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols);
}
