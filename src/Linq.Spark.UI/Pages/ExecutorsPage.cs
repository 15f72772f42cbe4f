using System.Text;
using Linq.Spark.UI.Status;
using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>The Executors page: each task slot's running and finished tasks, the process's memory and the executor memory's use.</summary>
internal static class ExecutorsPage
{
    public static string Render(IReadOnlyList<ExecutorSummary> executors, ProcessMemory memory, ExecutorMemoryStatus executorMemory, bool live)
    {
        var html = new StringBuilder();
        html.Append("<h1>Executors</h1><p class=\"note\">Executor slots are the session's task threads; \"caller\" is the thread that called an action, which runs small jobs' tasks itself. Totals count since the UI started.</p>")
            .Append("<h2>Process memory</h2><dl class=\"summary\">")
            .Append("<dt>Working set</dt><dd id=\"working-set\">").Append(Bytes(memory.WorkingSetBytes)).Append("</dd>")
            .Append("<dt>GC heap size</dt><dd id=\"gc-heap\">").Append(Bytes(memory.GcHeapSizeBytes)).Append("</dd>")
            .Append("<dt>Total allocated</dt><dd id=\"total-allocated\">").Append(Bytes(memory.TotalAllocatedBytes)).Append("</dd></dl>")
            .Append("<h2>Executor memory</h2><dl class=\"summary\">")
            .Append("<dt>Executor memory</dt><dd id=\"executor-memory\">").Append(Bytes(executorMemory.ExecutorMemoryBytes)).Append("</dd>")
            .Append("<dt>Storage (blocks in memory)</dt><dd id=\"storage-memory\">").Append(Bytes(executorMemory.StorageUsedBytes))
            .Append(" of at most ").Append(Bytes(executorMemory.ExecutorMemoryBytes / 2)).Append("</dd>")
            .Append("<dt>Execution (running operators)</dt><dd id=\"execution-memory\">").Append(Bytes(executorMemory.ExecutionUsedBytes))
            .Append(", ").Append(executorMemory.TasksHoldingMemory).Append(" tasks holding some</dd></dl>")
            .Append("<h2>Executor slots (").Append(executors.Count).Append(")</h2>")
            .Append("<table class=\"executors\"><thead><tr><th>Executor</th><th class=\"num\">Active Tasks</th><th class=\"num\">Completed Tasks</th><th class=\"num\">Failed Tasks</th>")
            .Append("<th class=\"num\">Total Task Time</th><th class=\"num\">Rows Out</th><th class=\"num\">Shuffle Write</th></tr></thead><tbody>");
        foreach (var executor in executors)
        {
            html.Append("<tr data-slot=\"").Append(executor.Slot).Append("\"><td>").Append(Slot(executor.Slot)).Append("</td>")
                .Append("<td class=\"num\">").Append(executor.ActiveTasks).Append("</td><td class=\"num\">").Append(executor.CompletedTasks).Append("</td>")
                .Append("<td class=\"num\">").Append(executor.FailedTasks).Append("</td><td class=\"num\">").Append(Duration(executor.TotalTaskTime)).Append("</td>")
                .Append("<td class=\"num\">").Append(Count(executor.ResultRows)).Append("</td>")
                .Append("<td class=\"num\">").Append(StageTable.Shuffle(executor.ShuffleWriteRows, executor.ShuffleWriteBytes, applies: true)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        return Layout.Page("Executors", Layout.Tab.Executors, live, html.ToString());
    }
}
