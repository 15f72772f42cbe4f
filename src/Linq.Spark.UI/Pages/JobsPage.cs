using System.Text;
using Linq.Spark.UI.Status;
using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>The Jobs page: running, succeeded and failed jobs, each with its stage and task progress.</summary>
internal static class JobsPage
{
    public static string Render(IReadOnlyList<JobSummary> jobs, AppStatusStore store, SparkOptions options)
    {
        var html = new StringBuilder();
        var running = jobs.Where(j => j.Status == JobStatus.Running).ToList();
        var succeeded = jobs.Where(j => j.Status == JobStatus.Succeeded).ToList();
        var failed = jobs.Where(j => j.Status == JobStatus.Failed).ToList();
        html.Append("<h1>Linq.Spark Jobs</h1><dl class=\"summary\">")
            .Append("<dt>Executor threads</dt><dd>").Append(store.ExecutorThreads).Append("</dd>")
            .Append("<dt>Shuffle partitions</dt><dd>").Append(options.ShufflePartitions > 0 ? options.ShufflePartitions.ToString(System.Globalization.CultureInfo.InvariantCulture) : "default parallelism").Append("</dd>")
            .Append("<dt>Active jobs</dt><dd>").Append(running.Count).Append("</dd>")
            .Append("<dt>Completed jobs</dt><dd>").Append(succeeded.Count).Append("</dd>")
            .Append("<dt>Failed jobs</dt><dd>").Append(failed.Count).Append("</dd></dl>")
            .Append("<p class=\"note\">This UI keeps the last ").Append(Count(store.RetainedJobs)).Append(" finished jobs (SparkOptions.RetainedJobs")
            .Append(store.DroppedJobs > 0 ? $"; {Count(store.DroppedJobs)} older ones dropped" : "")
            .Append(") and at most ").Append(Count(store.MaxTasksPerStage)).Append(" task attempts per stage.</p>");
        Section(html, "active", "Active Jobs", running);
        Section(html, "completed", "Completed Jobs", succeeded);
        Section(html, "failed", "Failed Jobs", failed);
        return Layout.Page("Jobs", Layout.Tab.Jobs, live: running.Count > 0, html.ToString());
    }

    private static void Section(StringBuilder html, string id, string title, IReadOnlyList<JobSummary> jobs)
    {
        html.Append("<h2 id=\"").Append(id).Append("\">").Append(title).Append(" (").Append(jobs.Count).Append(")</h2>");
        if (jobs.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"jobs\" id=\"").Append(id).Append("-jobs\"><thead><tr><th class=\"num\">Job Id</th><th>Description</th><th>Submitted</th>")
            .Append("<th class=\"num\">Duration</th><th>Status</th><th class=\"num\">Stages: Succeeded/Total</th><th>Tasks (for all stages): Succeeded/Total</th></tr></thead><tbody>");
        foreach (var job in jobs)
        {
            html.Append("<tr data-job-id=\"").Append(job.JobId).Append("\"><td class=\"num\">").Append(job.JobId).Append("</td>")
                .Append("<td><a href=\"/jobs/").Append(job.JobId).Append("\">").Append(E(job.Description)).Append("</a>");
            if (job.Error is not null)
            {
                html.Append("<div class=\"error\">").Append(E(job.Error)).Append("</div>");
            }

            html.Append("</td><td>").Append(Time(job.SubmissionTime)).Append("</td>")
                .Append("<td class=\"num\">").Append(Duration(job.Duration)).Append("</td>")
                .Append("<td>").Append(StatusLabel(job.Status)).Append("</td>")
                .Append("<td class=\"num\">").Append(job.CompletedStages).Append('/').Append(job.Stages.Count).Append("</td>")
                .Append("<td>").Append(Progress(job.CompletedTasks, job.ActiveTasks, job.NumTasks, job.FailedTaskAttempts)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }
}
