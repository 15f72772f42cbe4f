using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Planning.Stages;

/// <summary>
/// Cuts a physical plan into stages at its boundaries (Spark's DAGScheduler stage creation): each shuffle ends a
/// ShuffleMapStage, the root ends the ResultStage, and a broadcast's input becomes a job of its own. It reads only
/// what each operator declares (<see cref="ExecNode.Boundary"/>, <see cref="ExecNode.IsCached"/>), never its type.
/// </summary>
internal sealed class StagePlanner
{
    private readonly Dictionary<int, ShuffleMapStage> _mapStages = [];
    private readonly List<Stage> _stages = [];
    private readonly List<ExecNode> _broadcasts = [];
    private readonly Func<ExecNode, bool> _isCached;

    private StagePlanner(Func<ExecNode, bool> isCached)
    {
        _isCached = isCached;
    }

    /// <param name="resultInput">The operator the result stage computes.</param>
    /// <param name="isCached">Whether a cached operator's blocks are all stored, so the stages under it are skipped.</param>
    public static JobPlan Plan(ExecNode resultInput, Func<ExecNode, bool> isCached)
    {
        var planner = new StagePlanner(isCached);
        var parents = planner.ParentsOf(resultInput);
        var result = new ResultStage(planner._stages.Count, resultInput, parents);
        planner._stages.Add(result);
        return new JobPlan(planner._stages, result, planner._broadcasts);
    }

    private List<Stage> ParentsOf(ExecNode node)
    {
        if (node.Boundary == StageBoundary.Shuffle)
        {
            return [MapStageFor(node)];
        }

        var parents = new List<Stage>();
        Visit(node, parents);
        return parents;
    }

    private void Visit(ExecNode node, List<Stage> parents)
    {
        if (node.IsCached && _isCached(node))
        {
            return;
        }

        foreach (var child in node.Children)
        {
            switch (child.Boundary)
            {
                case StageBoundary.Shuffle:
                    parents.Add(MapStageFor(child));
                    break;
                case StageBoundary.Broadcast:
                    if (!_broadcasts.Exists(b => b.Id == child.Id))
                    {
                        _broadcasts.Add(child);
                    }

                    break;
                default:
                    Visit(child, parents);
                    break;
            }
        }
    }

    private ShuffleMapStage MapStageFor(ExecNode exchange)
    {
        if (!_mapStages.TryGetValue(exchange.Id, out var stage))
        {
            var parents = ParentsOf(exchange.Children[0]);
            stage = new ShuffleMapStage(_stages.Count, exchange, parents);
            _stages.Add(stage);
            _mapStages[exchange.Id] = stage;
        }

        return stage;
    }
}
