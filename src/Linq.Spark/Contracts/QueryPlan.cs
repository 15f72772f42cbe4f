namespace Linq.Spark;

/// <summary>The physical plan of a query as data: the stages of the job its action would run.</summary>
public sealed record QueryPlan(IReadOnlyList<StagePlan> Stages, string Text)
{
    /// <summary>The number of stages of the main job.</summary>
    public int StageCount => Stages.Count;

    /// <summary>Whether the output order of the query is defined (no shuffle after the last ordering).</summary>
    public bool IsOrdered { get; init; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
