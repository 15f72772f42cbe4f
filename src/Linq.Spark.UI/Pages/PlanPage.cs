using System.Text;
using Linq.Spark.UI.Status;
using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>
/// The Plan page: the job's Explain text, then each stage's operators with the stage's measured numbers. Each operator
/// is one list item written by <see cref="Operator"/>, the place where a per-operator metric (rows out, time) goes
/// when the engine reports them.
/// </summary>
internal static class PlanPage
{
    public static string Render(JobSummary job)
    {
        var html = new StringBuilder();
        html.Append("<h1>Plan of Job <a href=\"/jobs/").Append(job.JobId).Append("\">").Append(job.JobId).Append("</a></h1>")
            .Append("<p>").Append(E(job.Description)).Append(" · ").Append(StatusLabel(job.Status)).Append("</p>")
            .Append("<h2>Physical plan</h2>")
            .Append(job.PlanText is { } text
                ? $"<pre class=\"plan\" id=\"plan-text\">{E(text)}</pre>"
                : "<p class=\"note\">The job was submitted without its plan.</p>")
            .Append("<h2>Stages</h2>");
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
                html.Append(Operator(i, stage.Operators[i]));
            }

            html.Append("</ol></section>");
        }

        return Layout.Page($"Plan of job {job.JobId}", Layout.Tab.Jobs, live: job.Status == JobStatus.Running, html.ToString());
    }

    /// <summary>One operator of a stage, in fused order; its metrics will be written after the code when the engine measures them.</summary>
    private static string Operator(int index, string text) =>
        $"<li class=\"operator\" data-operator-index=\"{index}\"><code>{E(text)}</code></li>";
}
