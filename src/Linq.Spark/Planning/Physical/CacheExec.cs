using System.Linq.Expressions;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Cache(): the first job computes each partition of its input and stores it in the session's block manager under
/// the cache token and the values its input reads; later jobs with the same values read the stored blocks and never
/// run the operators below again.
/// </summary>
internal sealed class CacheExec(PlanContext plan, ExecNode child, ParameterExpression token, IReadOnlyList<ParameterExpression> inputs) : ExecNode(plan)
{
    private readonly int _tokenIndex = plan.IndexOf(token);
    private readonly int[] _inputIndexes = [.. inputs.Select(plan.IndexOf)];

    public ExecNode Child { get; } = child;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new CacheExec(Plan, children[0], token, inputs);

    public override Partitioning OutputPartitioning => new UnknownPartitioning(Child.NumPartitions);

    public override string Describe() => $"InMemoryRelation {token.Name}";

    /// <summary>The key of this job's blocks: the Cache() call and the values its input reads.</summary>
    public object Token(object?[] parameters) =>
        new CacheKey(parameters[_tokenIndex]!, [.. _inputIndexes.Select(i => parameters[i])]);

    public override PartitionData Produce(TaskContext context, int partition) =>
        context.Job.Session.BlockManager.GetOrCompute(Token(context.Parameters), partition, () => Child.Produce(context, partition));
}
