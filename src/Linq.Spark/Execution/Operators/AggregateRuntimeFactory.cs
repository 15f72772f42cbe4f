using Linq.Spark.Compilation;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>Builds the typed runtime of an aggregation from its descriptor.</summary>
internal static class AggregateRuntimeFactory
{
    public static IAggregateRuntime Create(HashAggregateExec node)
    {
        var spec = node.Aggregate;
        var codegen = new AggregateCodegen(spec);
        var type = typeof(AggregateRuntime<,,,>).MakeGenericType(spec.InputType, spec.KeyType, spec.Layout.Type, spec.ResultType);
        return (IAggregateRuntime)Activator.CreateInstance(type, node.Plan, spec, codegen)!;
    }
}
