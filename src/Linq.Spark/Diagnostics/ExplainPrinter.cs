using System.Text;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Planning.Stages;

namespace Linq.Spark.Diagnostics;

/// <summary>
/// Prints a physical plan as Spark does: the operator tree with each operator's stage in parentheses, exchanges
/// where stages meet, then the job's stages with their tasks and fused operators.
/// </summary>
internal static class ExplainPrinter
{
    public static QueryPlan Describe(PhysicalPlan plan)
    {
        var jobPlan = StagePlanner.Plan(plan.ResultInput, _ => false);
        var stageOf = new Dictionary<ExecNode, int>(ReferenceEqualityComparer.Instance);
        foreach (var stage in jobPlan.Stages)
        {
            foreach (var op in stage.Operators())
            {
                if (op is not ShuffleExchangeExec and not BroadcastExchangeExec || ReferenceEquals(op, stage.Top))
                {
                    stageOf.TryAdd(op, stage.Id);
                }
            }
        }

        var reasons = jobPlan.Stages.ToDictionary(s => s.Id, FirstBlocker);
        var text = new StringBuilder();
        text.AppendLine("== Physical Plan ==");
        var printed = plan.Root;
        if (plan.Root is DriverStepsExec steps)
        {
            printed = steps.Top;
            for (var node = steps.Top; !ReferenceEquals(node, steps.FinalNode); node = node.Children[0])
            {
                stageOf[node] = -1;
            }

            stageOf[steps.FinalNode] = -1;
        }
        else if (plan.Root is IDriverFinal { FinishesOnDriver: true })
        {
            stageOf[plan.Root] = -1;
        }

        Print(printed, stageOf, reasons, text, "", "");
        text.AppendLine();
        text.AppendLine("== Stages ==");
        var stages = new List<StagePlan>();
        foreach (var stage in jobPlan.Stages)
        {
            var operators = stage.Operators().Select(o => o.Describe()).ToList();
            var kind = stage.IsShuffleMap ? "ShuffleMapStage" : "ResultStage";
            var parents = stage.Parents.Count == 0 ? "" : $", parents [{string.Join(", ", stage.Parents.Select(p => p.Id))}]";
            text.AppendLine($"Stage {stage.Id}: {kind}, {stage.NumTasks} tasks{parents}, {(reasons[stage.Id] is null ? "vectorized" : "row mode: " + reasons[stage.Id])}");
            foreach (var op in stage.Operators())
            {
                text.AppendLine($"  {OperatorName(op)}");
            }

            var reason = reasons[stage.Id];
            stages.Add(new StagePlan(stage.Id, [.. stage.Parents.Select(p => p.Id)], stage.NumTasks, stage.IsShuffleMap, operators, reason is null, reason));
        }

        foreach (var broadcast in jobPlan.Broadcasts)
        {
            text.AppendLine($"Broadcast: {broadcast.Child.Describe()} (collected by a job of its own first)");
        }

        return new QueryPlan(stages, text.ToString()) { IsOrdered = plan.Root.OutputOrdered };
    }

    private static void Print(ExecNode node, Dictionary<ExecNode, int> stageOf, Dictionary<int, string?> reasons, StringBuilder text, string indent, string childIndent)
    {
        // Spark marks whole-stage-codegen operators with *(n); here * marks the stages whose kernel is SIMD.
        var stage = stageOf.TryGetValue(node, out var id)
            ? id == -1 ? "(driver) " : $"{(reasons[id] is null ? "*" : "")}({id}) "
            : "";
        text.Append(indent).Append(stage).AppendLine(node.Describe());
        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
        {
            Print(children[i], stageOf, reasons, text, childIndent + "+- ", childIndent + (i == children.Count - 1 ? "   " : ":  "));
        }
    }

    private static string OperatorName(ExecNode op) => op switch
    {
        ShuffleExchangeExec e => $"ShuffleRead {e.Partitioning.Describe()}",
        BroadcastExchangeExec => "BroadcastRead",
        _ => op.Describe(),
    };

    /// <summary>Why a stage runs row by row, or null when its kernel is SIMD over columns.</summary>
    private static string? FirstBlocker(Stage stage)
    {
        var operators = stage.Operators();
        var partial = operators.OfType<HashAggregateExec>().FirstOrDefault(a => a.Mode == AggregateMode.Partial);
        if (partial is not null)
        {
            return partial.NotVectorizedReason;
        }

        // The same analysis the stage's own pipeline makes: SIMD filters feeding row code where it can.
        return Pipeline.Collecting(stage.Top).NotVectorizedReason;
    }
}
