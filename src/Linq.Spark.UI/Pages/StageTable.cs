using System.Text;
using Linq.Spark.UI.Status;
using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>The table of stages the Job and Stages pages show: one row per stage with its progress and shuffle volume.</summary>
internal static class StageTable
{
    public static string Render(IEnumerable<StageSummary> stages, bool withJob)
    {
        var html = new StringBuilder();
        html.Append("<table class=\"stages\"><thead><tr><th class=\"num\">Stage Id</th>");
        if (withJob)
        {
            html.Append("<th class=\"num\">Job Id</th>");
        }

        html.Append("<th>Kind</th><th>Operators</th><th>Status</th><th>Submitted</th><th class=\"num\">Duration</th><th>Tasks: Succeeded/Total</th>")
            .Append("<th class=\"num\">Rows Out</th><th class=\"num\">Shuffle Read</th><th class=\"num\">Shuffle Write</th><th class=\"num\">Spill (Disk)</th><th class=\"num\">Failed Attempts</th></tr></thead><tbody>");
        foreach (var stage in stages)
        {
            html.Append("<tr data-stage-id=\"").Append(stage.StageId).Append("\"><td class=\"num\"><a href=\"/stages/").Append(stage.StageId).Append("\">")
                .Append(stage.StageId).Append("</a></td>");
            if (withJob)
            {
                html.Append("<td class=\"num\"><a href=\"/jobs/").Append(stage.JobId).Append("\">").Append(stage.JobId).Append("</a></td>");
            }

            html.Append("<td>").Append(stage.IsShuffleMap ? "ShuffleMap" : "Result").Append("</td>")
                .Append("<td><code>").Append(E(string.Join(" → ", stage.Operators.Select(FirstWord)))).Append("</code></td>")
                .Append("<td>").Append(StatusLabel(stage.Status)).Append("</td>")
                .Append("<td>").Append(Time(stage.SubmissionTime)).Append("</td>")
                .Append("<td class=\"num\">").Append(Duration(stage.Duration)).Append("</td>")
                .Append("<td>").Append(Progress(stage.CompletedTasks, stage.ActiveTasks, stage.NumTasks, stage.FailedTaskAttempts)).Append("</td>")
                .Append("<td class=\"num\">").Append(stage.IsShuffleMap ? "" : Count(stage.ResultRows)).Append("</td>")
                .Append("<td class=\"num\">").Append(Shuffle(stage.ShuffleReadRows, stage.ShuffleReadBytes, stage.ParentIds.Count > 0)).Append("</td>")
                .Append("<td class=\"num\">").Append(Shuffle(stage.ShuffleWriteRows, stage.ShuffleWriteBytes, stage.IsShuffleMap)).Append("</td>")
                .Append("<td class=\"num spill\">").Append(stage.SpilledBytes > 0 ? Bytes(stage.SpilledBytes) : "").Append("</td>")
                .Append("<td class=\"num\">").Append(stage.FailedTaskAttempts).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>Shuffle volume as "bytes / rows", empty where the stage has no shuffle on that side.</summary>
    public static string Shuffle(long rows, long bytes, bool applies) =>
        applies ? $"<span title=\"{bytes} bytes\">{Bytes(bytes)}</span> / {Count(rows)} rows" : "";

    /// <summary>An operator's name without its arguments, for one-line listings; the Stage and Plan pages show the whole text.</summary>
    private static string FirstWord(string op)
    {
        var end = op.IndexOfAny([' ', '(', '[']);
        return end > 0 ? op[..end] : op;
    }
}
