using System.Text;
using Linq.Spark.UI.Status;
using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>
/// The Plan page: the job's Explain text, then each stage's operators with the stage's measured numbers and, once the
/// stage finished, each operator's output rows (Spark's SQL metrics) when the session counts them
/// (<see cref="SparkOptions.OperatorMetrics"/>).
/// </summary>
internal static class PlanPage
{
    public static string Render(JobSummary job, bool countsOperators)
    {
        var html = new StringBuilder();
        html.Append("<h1>Plan of Job <a href=\"/jobs/").Append(job.JobId).Append("\">").Append(job.JobId).Append("</a></h1>")
            .Append("<p>").Append(E(job.Description)).Append(" · ").Append(StatusLabel(job.Status)).Append("</p>")
            .Append("<h2>Physical plan</h2>")
            .Append(job.PlanText is { } text
                ? $"<pre class=\"plan\" id=\"plan-text\">{E(text)}</pre>"
                : "<p class=\"note\">The job was submitted without its plan.</p>")
            .Append("<h2>Stages</h2>")
            .Append(countsOperators || job.Stages.Any(s => s.OperatorRows.Count > 0)
                ? ""
                : "<p class=\"note\" id=\"no-operator-rows\">Operators' rows are counted when the session sets SparkOptions.OperatorMetrics.</p>");
        foreach (var stage in job.Stages)
        {
            html.Append("<section class=\"plan-stage\" data-stage-id=\"").Append(stage.StageId).Append("\"><h3><a href=\"/stages/").Append(stage.StageId).Append("\">Stage ")
                .Append(stage.StageId).Append("</a> · ").Append(stage.IsShuffleMap ? "shuffle map" : "result").Append(' ').Append(StatusLabel(stage.Status)).Append("</h3>")
                .Append("<table class=\"stage-metrics\"><thead><tr><th class=\"num\">Tasks</th><th class=\"num\">Duration</th><th class=\"num\">Rows Out</th>")
                .Append("<th class=\"num\">Shuffle Read</th><th class=\"num\">Shuffle Write</th></tr></thead><tbody><tr>")
                .Append("<td class=\"num\">").Append(stage.CompletedTasks).Append('/').Append(stage.NumTasks).Append("</td>")
                .Append("<td class=\"num\">").Append(Duration(stage.Duration)).Append("</td>")
                .Append("<td class=\"num\">").Append(stage.IsShuffleMap ? Count(stage.ShuffleWriteRows) : Count(stage.ResultRows)).Append("</td>")
                .Append("<td class=\"num\">").Append(StageTable.Shuffle(stage.ShuffleReadRows, stage.ShuffleReadBytes, stage.ParentIds.Count > 0)).Append("</td>")
                .Append("<td class=\"num\">").Append(StageTable.Shuffle(stage.ShuffleWriteRows, stage.ShuffleWriteBytes, stage.IsShuffleMap)).Append("</td>")
                .Append("</tr></tbody></table><ol class=\"operators\">");
            for (var i = 0; i < stage.Operators.Count; i++)
            {
                html.Append(Operator(i, stage.Operators[i], i < stage.OperatorRows.Count ? stage.OperatorRows[i] : null));
            }

            html.Append("</ol></section>");
        }

        return Layout.Page($"Plan of job {job.JobId}", Layout.Tab.Jobs, live: job.Status == JobStatus.Running, html.ToString());
    }

    /// <summary>One operator of a stage, in fused order, with the rows it handed on when they were counted.</summary>
    private static string Operator(int index, string text, long? rows) =>
        $"<li class=\"operator\" data-operator-index=\"{index}\"><code>{E(text)}</code>"
        + (rows is { } count ? $" <span class=\"operator-rows\">{Count(count)} rows</span>" : "")
        + "</li>";
}
