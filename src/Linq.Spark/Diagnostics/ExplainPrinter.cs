using System.Globalization;
using System.Text;
using Linq.Spark.Execution;
using Linq.Spark.Internal;
using Linq.Spark.Execution.Operators;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Planning.Stages;

namespace Linq.Spark.Diagnostics;

/// <summary>
/// Prints a physical plan as Spark does: the operator tree with each operator's stage in parentheses, exchanges
/// where stages meet, then the job's stages with their tasks and fused operators.
/// </summary>
internal static class ExplainPrinter
{
    /// <summary>The plan as text and data; with <paramref name="metrics"/> from a run, each operator's rows and each stage's cost (EXPLAIN ANALYZE).</summary>
    public static QueryPlan Describe(PhysicalPlan plan, QueryMetrics? metrics = null)
    {
        var runtime = PlanRuntime.Of(plan);
        var jobPlan = StagePlanner.Plan(plan.ResultInput, _ => false);
        var stageOf = new Dictionary<int, int>();
        foreach (var stage in jobPlan.Stages)
        {
            foreach (var op in stage.Operators())
            {
                if (op.Boundary == StageBoundary.None || ReferenceEquals(op, stage.Top))
                {
                    stageOf.TryAdd(op.Id, stage.Id);
                }
            }
        }

        foreach (var op in plan.Root.DriverOperators)
        {
            stageOf[op.Id] = -1;
        }

        var stages = StagePlans(runtime, jobPlan);
        var reasons = stages.ToDictionary(s => s.Id, s => s.NotVectorizedReason);
        string Measured(ExecNode op)
        {
            if (metrics is null)
            {
                return "";
            }

            var parts = new List<string>();
            if (op.CountsOutputRows && metrics.Ran(op.Id))
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"rows {metrics.RowsOf(op.Id):N0}"));
            }

            if (metrics.TimeOf(op.Id) is { Ticks: > 0 } time)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"time {time.TotalMilliseconds:N1} ms"));
            }

            if (metrics.PeakMemoryOf(op.Id) is > 0 and var peak)
            {
                parts.Add($"peak memory {Bytes(peak)}");
            }

            if (metrics.SpilledOf(op.Id) is > 0 and var spilled)
            {
                parts.Add($"spill {Bytes(spilled)}");
            }

            return parts.Count == 0 ? "" : $"  [{string.Join(", ", parts)}]";
        }

        var text = new StringBuilder();
        text.AppendLine("== Physical Plan ==");
        Print(plan.Root.PrintedTree, stageOf, reasons, text, "", "", op => DescribeOperator(runtime, op) + Measured(op));
        text.AppendLine();
        text.AppendLine("== Stages ==");
        foreach (var stage in jobPlan.Stages)
        {
            var kind = stage.IsShuffleMap ? "ShuffleMapStage" : "ResultStage";
            var parents = stage.Parents.Count == 0 ? "" : $", parents [{string.Join(", ", stage.Parents.Select(p => p.Id))}]";
            text.AppendLine($"Stage {stage.Id}: {kind}, {stage.NumTasks} tasks{parents}, {(reasons[stage.Id] is null ? "vectorized" : "row mode: " + reasons[stage.Id])}");
            if (metrics is not null)
            {
                text.AppendLine(metrics.StageOf(stage.KeyOperatorId) is { } cost ? "  ran: " + Cost(cost) : "  skipped: its input was cached");
            }

            foreach (var op in stage.Operators())
            {
                text.AppendLine($"  {(op.Boundary == StageBoundary.None ? DescribeOperator(runtime, op) + Measured(op) : CSharpText.Readable(op.DescribeAsStageInput()))}");
            }
        }

        foreach (var broadcast in jobPlan.Broadcasts)
        {
            text.AppendLine($"Broadcast: {DescribeOperator(runtime, broadcast.Children[0])} (collected by a job of its own first){Measured(broadcast)}");
        }

        if (metrics is not null && stageOf.ContainsValue(-1))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Driver: final steps took {metrics.DriverTime.TotalMilliseconds:N1} ms"));
        }

        return new QueryPlan(stages, text.ToString()) { IsOrdered = plan.Root.OutputOrdered };
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PhysicalPlan, string> Texts = [];

    /// <summary>The plan's Explain text, printed once per cached plan.</summary>
    public static string TextOf(PhysicalPlan plan) => Texts.GetValue(plan, p => Describe(p).Text);

    /// <summary>A job's stages as data, numbered by their position in the job, with operators and reasons printed as C#.</summary>
    public static IReadOnlyList<StagePlan> StagePlans(PlanRuntime runtime, JobPlan jobPlan) =>
    [
        .. jobPlan.Stages.Select(stage =>
        {
            var reason = runtime.NotVectorizedReason(stage.Operators(), stage.Top) is { } r ? CSharpText.Readable(r) : null;
            var operators = stage.Operators().Select(op => DescribeOperator(runtime, op)).ToList();
            return new StagePlan(stage.Id, [.. stage.Parents.Select(p => p.Id)], stage.NumTasks, stage.IsShuffleMap, operators, reason is null, reason);
        }),
    ];

    /// <summary>A stage's cost as Spark's stage page shows it: tasks, task time (sum and slowest), wall time, shuffle output.</summary>
    private static string Cost(StageMetrics stage)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"stage {stage.StageId} of job {stage.JobId}, {stage.Tasks} tasks, task time {stage.TaskTimeTotal.TotalMilliseconds:N1} ms (max {stage.TaskTimeMax.TotalMilliseconds:N1} ms), wall {stage.Wall.TotalMilliseconds:N1} ms");
        if (stage.IsShuffleMap)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", shuffle write {stage.ShuffleWriteRows:N0} rows, {Bytes(stage.ShuffleWriteBytes)}");
        }

        if (stage.PeakExecutionMemory > 0)
        {
            text += $", peak memory {Bytes(stage.PeakExecutionMemory)}";
        }

        if (stage.SpilledBytes > 0)
        {
            text += $", spill (disk) {Bytes(stage.SpilledBytes)}";
        }

        return stage.FailedAttempts > 0 ? text + $", {stage.FailedAttempts} failed attempts" : text;
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:N1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):N1} MiB"),
    };

    /// <summary>One operator as C#, without compiler-generated names; a scan names the columns it reads.</summary>
    private static string DescribeOperator(PlanRuntime runtime, ExecNode op) =>
        CSharpText.Readable(op is ScanExec scan ? scan.Describe(runtime.ScanColumns(scan)) : op.Describe());

    private static void Print(ExecNode node, Dictionary<int, int> stageOf, Dictionary<int, string?> reasons, StringBuilder text, string indent, string childIndent, Func<ExecNode, string> describe)
    {
        // Spark marks whole-stage-codegen operators with *(n); here * marks the stages whose kernel is SIMD.
        var stage = stageOf.TryGetValue(node.Id, out var id)
            ? id == -1 ? "(driver) " : $"{(reasons[id] is null ? "*" : "")}({id}) "
            : "";
        text.Append(indent).Append(stage).AppendLine(describe(node));
        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
        {
            Print(children[i], stageOf, reasons, text, childIndent + "+- ", childIndent + (i == children.Count - 1 ? "   " : ":  "), describe);
        }
    }
}
