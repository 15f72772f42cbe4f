using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Planning.Stages;

/// <summary>
/// Cuts a physical plan into stages at its exchanges (Spark's DAGScheduler stage creation): each shuffle exchange
/// ends a ShuffleMapStage, the root ends the ResultStage, and a broadcast side becomes a job of its own.
/// </summary>
internal sealed class StagePlanner
{
    private readonly Dictionary<ShuffleExchangeExec, ShuffleMapStage> _mapStages = [];
    private readonly List<Stage> _stages = [];
    private readonly List<BroadcastExchangeExec> _broadcasts = [];
    private readonly Func<CacheExec, bool> _isCached;

    private StagePlanner(Func<CacheExec, bool> isCached)
    {
        _isCached = isCached;
    }

    /// <param name="resultInput">The operator the result stage computes.</param>
    /// <param name="isCached">Whether a cache node's blocks are all stored, so the stages under it are skipped.</param>
    public static JobPlan Plan(ExecNode resultInput, Func<CacheExec, bool> isCached)
    {
        var planner = new StagePlanner(isCached);
        var parents = planner.ParentsOf(resultInput);
        var result = new ResultStage(planner._stages.Count, resultInput, parents);
        planner._stages.Add(result);
        return new JobPlan(planner._stages, result, planner._broadcasts);
    }

    private List<Stage> ParentsOf(ExecNode node)
    {
        if (node is ShuffleExchangeExec exchange)
        {
            return [MapStageFor(exchange)];
        }

        var parents = new List<Stage>();
        Visit(node, parents);
        return parents;
    }

    private void Visit(ExecNode node, List<Stage> parents)
    {
        if (node is CacheExec cache && _isCached(cache))
        {
            return;
        }

        foreach (var child in node.Children)
        {
            switch (child)
            {
                case ShuffleExchangeExec exchange:
                    parents.Add(MapStageFor(exchange));
                    break;
                case BroadcastExchangeExec broadcast:
                    if (!_broadcasts.Contains(broadcast))
                    {
                        _broadcasts.Add(broadcast);
                    }

                    break;
                default:
                    Visit(child, parents);
                    break;
            }
        }
    }

    private ShuffleMapStage MapStageFor(ShuffleExchangeExec exchange)
    {
        if (!_mapStages.TryGetValue(exchange, out var stage))
        {
            var parents = ParentsOf(exchange.Child);
            stage = new ShuffleMapStage(_stages.Count, exchange, parents);
            _stages.Add(stage);
            _mapStages[exchange] = stage;
        }

        return stage;
    }
}
