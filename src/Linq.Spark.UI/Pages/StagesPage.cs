using Linq.Spark.UI.Status;

namespace Linq.Spark.UI.Pages;

/// <summary>The Stages page: every kept stage of every kept job, newest first.</summary>
internal static class StagesPage
{
    public static string Render(IReadOnlyList<JobSummary> jobs)
    {
        var stages = jobs.SelectMany(j => j.Stages).OrderByDescending(s => s.StageId).ToList();
        var body = $"<h1>Stages for All Jobs</h1><h2>Stages ({stages.Count})</h2>" + StageTable.Render(stages, withJob: true);
        return Layout.Page("Stages", Layout.Tab.Stages, live: jobs.Any(j => j.Status == JobStatus.Running), body);
    }
}
