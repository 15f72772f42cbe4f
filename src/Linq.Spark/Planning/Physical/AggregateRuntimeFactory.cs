using Linq.Spark.Compilation;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Builds the typed runtime of an aggregation from its logical node.</summary>
internal static class AggregateRuntimeFactory
{
    public static IAggregateRuntime Create(PlanContext plan, AggregateNode node)
    {
        var codegen = new AggregateCodegen(node.Aggregates);
        var keyType = node.KeySelector?.ReturnType ?? typeof(bool);
        var type = typeof(AggregateRuntime<,,,>).MakeGenericType(node.Child.ElementType, keyType, codegen.StateType, node.ElementType);
        return (IAggregateRuntime)Activator.CreateInstance(type, plan, node, codegen)!;
    }
}
