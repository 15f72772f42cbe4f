using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Cache(): the first job computes each partition of its input and stores it in the session's block manager under
/// the cache token and the values its input reads; later jobs with the same values read the stored blocks and never
/// run the operators below again.
/// </summary>
internal sealed class CacheExec(PlanContext plan, ExecNode child, ParameterExpression token, IReadOnlyList<ParameterExpression> inputs, int id = -1) : ExecNode(plan, id)
{
    public ExecNode Child { get; } = child;

    public ParameterExpression Token { get; } = token;

    /// <summary>The slots the cached input reads (its sources and captured values): the blocks are kept by their values.</summary>
    public IReadOnlyList<ParameterExpression> Inputs { get; } = inputs;

    public int TokenIndex { get; } = plan.IndexOf(token);

    public IReadOnlyList<int> InputIndexes { get; } = [.. inputs.Select(plan.IndexOf)];

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new CacheExec(Plan, children[0], Token, Inputs, Id);

    public override Partitioning OutputPartitioning => new UnknownPartitioning(Child.NumPartitions);

    public override bool IsCached => true;

    public override string Describe() => $"InMemoryRelation {Token.Name}";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitCache(this);
}
