using System.Text;
using Linq.Spark.UI.Status;
using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>The Job page: the job's status, its stage DAG and its stage table.</summary>
internal static class JobPage
{
    public static string Render(JobSummary job)
    {
        var html = new StringBuilder();
        html.Append("<h1>Details for Job ").Append(job.JobId).Append("</h1><dl class=\"summary\">")
            .Append("<dt>Status</dt><dd id=\"job-status\">").Append(StatusLabel(job.Status)).Append("</dd>")
            .Append("<dt>Description</dt><dd>").Append(E(job.Description)).Append("</dd>")
            .Append("<dt>Submitted</dt><dd>").Append(Time(job.SubmissionTime)).Append("</dd>")
            .Append("<dt>Duration</dt><dd>").Append(Duration(job.Duration)).Append("</dd>")
            .Append("<dt>Stages</dt><dd>").Append(job.CompletedStages).Append('/').Append(job.Stages.Count).Append(" completed</dd>")
            .Append("<dt>Tasks</dt><dd>").Append(Progress(job.CompletedTasks, job.ActiveTasks, job.NumTasks, job.FailedTaskAttempts)).Append("</dd>");
        if (job.Error is not null)
        {
            html.Append("<dt>Error</dt><dd class=\"error\" id=\"job-error\">").Append(E(job.Error)).Append("</dd>");
        }

        html.Append("</dl><p><a href=\"/jobs/").Append(job.JobId).Append("/plan\">Plan and stage metrics</a></p>")
            .Append("<h2>DAG Visualization</h2>").Append(StageDag.Render(job.Stages))
            .Append("<h2>Stages (").Append(job.Stages.Count).Append(")</h2>").Append(StageTable.Render(job.Stages, withJob: false));
        return Layout.Page($"Job {job.JobId}", Layout.Tab.Jobs, live: job.Status == JobStatus.Running, html.ToString());
    }
}
