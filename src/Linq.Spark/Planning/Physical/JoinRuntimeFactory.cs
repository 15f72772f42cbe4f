using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Builds the typed runtime of a join from its logical node.</summary>
internal static class JoinRuntimeFactory
{
    public static IJoinRuntime Create(PlanContext plan, JoinNode node) =>
        (IJoinRuntime)Activator.CreateInstance(
            typeof(JoinRuntime<,,,>).MakeGenericType(node.Left.ElementType, node.Right.ElementType, node.LeftKey.ReturnType, node.ElementType),
            plan,
            node)!;
}
