using System.Text;
using Linq.Spark.UI.Status;
using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>A stage's event timeline as SVG, as Spark's: a row per executor slot and a bar per task attempt from its start to its end (or now).</summary>
internal static class TaskTimeline
{
    private const int LabelWidth = 90;
    private const int PlotWidth = 820;
    private const int RowHeight = 24;
    private const int AxisHeight = 22;

    public static string Render(IReadOnlyList<TaskSummary> tasks)
    {
        if (tasks.Count == 0)
        {
            return "<p class=\"note\">No task has started yet.</p>";
        }

        var start = tasks.Min(t => t.LaunchTime);
        var span = Math.Max(1, tasks.Max(t => (t.LaunchTime - start + t.Duration).TotalMilliseconds));
        var slots = tasks.Select(t => t.ExecutorSlot).Distinct().OrderBy(s => s < 0 ? int.MaxValue : s).ToList();
        var height = (slots.Count * RowHeight) + AxisHeight;
        var svg = new StringBuilder();
        svg.Append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(LabelWidth + PlotWidth + 10).Append("\" height=\"").Append(height)
            .Append("\" role=\"img\" aria-label=\"Task timeline\">");
        for (var row = 0; row < slots.Count; row++)
        {
            var y = row * RowHeight;
            svg.Append("<rect x=\"0\" y=\"").Append(y).Append("\" width=\"").Append(LabelWidth + PlotWidth).Append("\" height=\"").Append(RowHeight)
                .Append("\" fill=\"").Append(row % 2 == 0 ? "#fafafa" : "#f0f0f0").Append("\"/>")
                .Append("<text x=\"6\" y=\"").Append(y + 16).Append("\" font-size=\"11\" fill=\"#333\">executor ").Append(E(Slot(slots[row]))).Append("</text>");
        }

        foreach (var task in tasks)
        {
            var row = slots.IndexOf(task.ExecutorSlot);
            var x = LabelWidth + (PlotWidth * (task.LaunchTime - start).TotalMilliseconds / span);
            var w = Math.Max(2, PlotWidth * task.Duration.TotalMilliseconds / span);
            var fill = task.Status switch
            {
                TaskAttemptStatus.Running => "#3a87ad",
                TaskAttemptStatus.Failed => "#b94a48",
                _ => "#468847",
            };
            svg.Append("<rect class=\"task-bar\" data-partition=\"").Append(task.PartitionId).Append("\" x=\"").Append(N(x)).Append("\" y=\"").Append((row * RowHeight) + 4)
                .Append("\" width=\"").Append(N(w)).Append("\" height=\"").Append(RowHeight - 8).Append("\" rx=\"2\" fill=\"").Append(fill).Append("\">")
                .Append("<title>").Append(E($"partition {task.PartitionId}, attempt {task.Attempt}: {task.Status}, {Duration(task.Duration)}")).Append("</title></rect>");
        }

        var axisY = slots.Count * RowHeight;
        svg.Append("<text x=\"").Append(LabelWidth).Append("\" y=\"").Append(axisY + 15).Append("\" font-size=\"11\" fill=\"#666\">0 ms</text>")
            .Append("<text x=\"").Append(LabelWidth + PlotWidth).Append("\" y=\"").Append(axisY + 15).Append("\" font-size=\"11\" fill=\"#666\" text-anchor=\"end\">")
            .Append(E(Duration(TimeSpan.FromMilliseconds(span)))).Append("</text>");
        return svg.Append("</svg>").ToString();
    }
}
