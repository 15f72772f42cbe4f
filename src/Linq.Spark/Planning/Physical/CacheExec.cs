using System.Linq.Expressions;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Cache(): the first job computes each partition of its input and stores it in the session's block manager under
/// the cache token; later jobs read the stored blocks and never run the operators below again.
/// </summary>
internal sealed class CacheExec(PlanContext plan, ExecNode child, ParameterExpression token) : ExecNode(plan)
{
    private readonly int _tokenIndex = plan.IndexOf(token);

    public ExecNode Child { get; } = child;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new CacheExec(Plan, children[0], token);

    public override Partitioning OutputPartitioning => new UnknownPartitioning(Child.NumPartitions);

    public override string Describe() => $"InMemoryRelation {token.Name}";

    /// <summary>The cache token of this job's execution.</summary>
    public object Token(object?[] parameters) => parameters[_tokenIndex]!;

    public override PartitionData Produce(TaskContext context, int partition) =>
        context.Job.Session.BlockManager.GetOrCompute(Token(context.Parameters), partition, () => Child.Produce(context, partition));
}
