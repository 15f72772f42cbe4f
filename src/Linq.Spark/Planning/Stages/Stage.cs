using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Planning.Stages;

/// <summary>
/// A set of tasks, one per partition of <see cref="Top"/>, that run the same fused pipelines with no shuffle
/// between them. A stage can run once every parent stage (whose shuffle output it reads) has finished.
/// </summary>
internal abstract class Stage(int id, ExecNode top, IReadOnlyList<Stage> parents)
{
    /// <summary>The stage's number within its job plan, parents before children.</summary>
    public int Id { get; } = id;

    /// <summary>The operator whose partitions the tasks compute.</summary>
    public ExecNode Top { get; } = top;

    public IReadOnlyList<Stage> Parents { get; } = parents;

    public int NumTasks => Top.NumPartitions;

    public abstract bool IsShuffleMap { get; }

    /// <summary>The id of the operator the stage ends at (a map stage's exchange, a result stage's top): the same in every plan of a query, so it names the stage across jobs.</summary>
    public virtual int KeyOperatorId => Top.Id;

    /// <summary>The operators fused into this stage, from its sources up to its output.</summary>
    public IReadOnlyList<ExecNode> Operators()
    {
        var operators = new List<ExecNode>();
        if (Top.Boundary != StageBoundary.None)
        {
            operators.Add(Top);
        }
        else
        {
            Collect(Top, operators);
        }

        return operators;
    }

    private static void Collect(ExecNode node, List<ExecNode> operators)
    {
        foreach (var child in node.Children)
        {
            if (child.Boundary != StageBoundary.None)
            {
                operators.Add(child);
            }
            else
            {
                Collect(child, operators);
            }
        }

        operators.Add(node);
    }
}
