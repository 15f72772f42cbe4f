using System.Text;
using Linq.Spark.UI.Status;
using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>The Stage page: the stage's summary and operators, what its scans read, its task timeline and its task table.</summary>
internal static class StagePage
{
    public static string Render(StageSummary stage, int maxTasksPerStage)
    {
        var html = new StringBuilder();
        html.Append("<h1>Details for Stage ").Append(stage.StageId).Append(" (Job <a href=\"/jobs/").Append(stage.JobId).Append("\">").Append(stage.JobId).Append("</a>)</h1>")
            .Append("<dl class=\"summary\">")
            .Append("<dt>Status</dt><dd id=\"stage-status\">").Append(StatusLabel(stage.Status)).Append("</dd>")
            .Append("<dt>Kind</dt><dd>").Append(stage.IsShuffleMap ? "ShuffleMapStage: writes a shuffle" : "ResultStage: returns rows to the driver").Append("</dd>")
            .Append("<dt>Tasks</dt><dd>").Append(Progress(stage.CompletedTasks, stage.ActiveTasks, stage.NumTasks, stage.FailedTaskAttempts)).Append("</dd>")
            .Append("<dt>Submitted</dt><dd>").Append(Time(stage.SubmissionTime)).Append("</dd>")
            .Append("<dt>Duration</dt><dd id=\"stage-duration\">").Append(Duration(stage.Duration)).Append("</dd>");
        if (!stage.IsShuffleMap)
        {
            html.Append("<dt>Rows out</dt><dd>").Append(Count(stage.ResultRows)).Append("</dd>");
        }

        if (stage.ParentIds.Count > 0)
        {
            html.Append("<dt>Shuffle read</dt><dd id=\"shuffle-read\">").Append(StageTable.Shuffle(stage.ShuffleReadRows, stage.ShuffleReadBytes, applies: true))
                .Append(" from stages ").Append(string.Join(", ", stage.ParentIds.Select(p => $"<a href=\"/stages/{p}\">{p}</a>"))).Append("</dd>");
        }

        if (stage.IsShuffleMap)
        {
            html.Append("<dt>Shuffle write</dt><dd id=\"shuffle-write\">").Append(StageTable.Shuffle(stage.ShuffleWriteRows, stage.ShuffleWriteBytes, applies: true)).Append("</dd>");
        }

        if (stage.PeakExecutionMemory > 0)
        {
            html.Append("<dt>Peak execution memory</dt><dd id=\"peak-memory\">").Append(Bytes(stage.PeakExecutionMemory)).Append("</dd>");
        }

        if (stage.SpilledBytes > 0)
        {
            html.Append("<dt>Spill (disk)</dt><dd id=\"spill\">").Append(Bytes(stage.SpilledBytes)).Append("</dd>");
        }

        html.Append("<dt>Failed task attempts</dt><dd>").Append(stage.FailedTaskAttempts).Append("</dd>")
            .Append("<dt>Vectorized</dt><dd>").Append(stage.IsVectorized ? "yes: SIMD kernel" : "no" + (stage.NotVectorizedReason is { } why ? ": " + E(why) : "")).Append("</dd>")
            .Append("</dl><h2>Operators</h2><ol class=\"operators\">");
        foreach (var op in stage.Operators)
        {
            html.Append("<li><code>").Append(E(op)).Append("</code></li>");
        }

        html.Append("</ol>");
        if (stage.Scans.Count > 0)
        {
            html.Append("<h2>Scans</h2><table class=\"scans\"><thead><tr><th>Source</th><th class=\"num\">Files Read</th><th class=\"num\">Files Skipped</th>")
                .Append("<th class=\"num\">Row Groups Read</th><th class=\"num\">Row Groups Skipped</th><th class=\"num\">Columns</th><th class=\"num\">Rows</th><th class=\"num\">Malformed Rows Dropped</th></tr></thead><tbody>");
            foreach (var scan in stage.Scans)
            {
                html.Append("<tr><td>").Append(E(scan.Source)).Append("</td><td class=\"num\">").Append(Count(scan.FilesRead)).Append("</td><td class=\"num\">").Append(Count(scan.FilesSkipped))
                    .Append("</td><td class=\"num\">").Append(Count(scan.RowGroupsRead)).Append("</td><td class=\"num\">").Append(Count(scan.RowGroupsSkipped))
                    .Append("</td><td class=\"num\">").Append(scan.ColumnsRead).Append(" of ").Append(scan.Columns).Append("</td><td class=\"num\">").Append(Count(scan.RowsRead))
                    .Append("</td><td class=\"num\">").Append(Count(scan.MalformedRowsDropped)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        var tasks = stage.Tasks ?? [];
        html.Append("<h2>Event Timeline</h2>").Append(TaskTimeline.Render(tasks))
            .Append("<h2>Tasks (").Append(tasks.Count).Append(")</h2><p class=\"note\">At most ").Append(Count(maxTasksPerStage)).Append(" task attempts are kept per stage")
            .Append(stage.DroppedTasks > 0 ? $"; {Count(stage.DroppedTasks)} older finished attempts were dropped (the totals above count them)" : "").Append(".</p>")
            .Append("<table class=\"tasks\"><thead><tr><th class=\"num\">Partition</th><th class=\"num\">Attempt</th><th class=\"num\">Executor</th><th>Status</th><th>Launch Time</th>")
            .Append("<th class=\"num\">Duration</th><th class=\"num\">Rows Out</th><th class=\"num\">Shuffle Write Rows</th><th class=\"num\">Shuffle Write Bytes</th><th class=\"num\">Peak Execution Memory</th><th class=\"num\">Spill (Disk)</th><th>Error</th></tr></thead><tbody>");
        foreach (var task in tasks)
        {
            html.Append("<tr data-partition=\"").Append(task.PartitionId).Append("\" data-attempt=\"").Append(task.Attempt).Append("\">")
                .Append("<td class=\"num\">").Append(task.PartitionId).Append("</td><td class=\"num\">").Append(task.Attempt).Append("</td>")
                .Append("<td class=\"num\">").Append(Slot(task.ExecutorSlot)).Append("</td><td>").Append(StatusLabel(task.Status)).Append("</td>")
                .Append("<td>").Append(Time(task.LaunchTime)).Append("</td><td class=\"num\">").Append(Duration(task.Duration)).Append("</td>")
                .Append("<td class=\"num\">").Append(stage.IsShuffleMap ? "" : Count(task.ResultRows)).Append("</td>")
                .Append("<td class=\"num\">").Append(stage.IsShuffleMap ? Count(task.ShuffleWriteRows) : "").Append("</td>")
                .Append("<td class=\"num\">").Append(stage.IsShuffleMap ? Count(task.ShuffleWriteBytes) : "").Append("</td>")
                .Append("<td class=\"num peak-memory\">").Append(task.PeakExecutionMemory > 0 ? Bytes(task.PeakExecutionMemory) : "").Append("</td>")
                .Append("<td class=\"num spill\">").Append(task.SpilledBytes > 0 ? Bytes(task.SpilledBytes) : "").Append("</td>")
                .Append("<td class=\"error\">").Append(E(task.Error)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        var live = stage.Status is StageStatus.Running or StageStatus.Pending;
        return Layout.Page($"Stage {stage.StageId}", Layout.Tab.Stages, live, html.ToString());
    }
}
