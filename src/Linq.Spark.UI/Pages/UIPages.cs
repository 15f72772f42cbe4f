using Linq.Spark.UI.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Linq.Spark.UI.Pages;

/// <summary>The HTML pages' routes: Jobs, Job, Plan, Stages, Stage and Executors, and a 404 page for everything else.</summary>
internal static class UIPages
{
    public static void Map(IEndpointRouteBuilder routes, AppStatusStore store, SparkSession session)
    {
        var options = session.Options;
        routes.MapGet("/", () => Results.Redirect("/jobs"));
        routes.MapGet("/jobs", () => Html(JobsPage.Render(store.Jobs(), store, options)));
        routes.MapGet("/jobs/{id:int}", (int id) => store.Job(id) is { } job ? Html(JobPage.Render(job)) : UnknownJob(id, store));
        routes.MapGet("/jobs/{id:int}/plan", (int id) => store.Job(id) is { } job ? Html(PlanPage.Render(job, options.OperatorMetrics)) : UnknownJob(id, store));
        routes.MapGet("/stages", () => Html(StagesPage.Render(store.Jobs())));
        routes.MapGet("/stages/{id:int}", (int id) => store.Stage(id) is { } stage
            ? Html(StagePage.Render(stage, store.MaxTasksPerStage))
            : NotFound($"Stage {id} is not known: no job of this session planned it, or its job is older than the last {store.RetainedJobs} jobs this UI keeps."));
        routes.MapGet("/executors", () =>
        {
            var live = store.Jobs().Any(j => j.Status == JobStatus.Running);
            return Html(ExecutorsPage.Render(store.Executors(), ProcessMemory.Now(), session.MemoryStatus, live));
        });
    }

    /// <summary>The page for an address no route took.</summary>
    public static IResult Fallback(HttpContext context) => NotFound($"There is no page at {context.Request.Path}; the pages are /jobs, /stages and /executors.");

    private static IResult UnknownJob(int id, AppStatusStore store) =>
        NotFound($"Job {id} is not known: this session has not run it, or it is older than the last {store.RetainedJobs} jobs this UI keeps.");

    private static IResult Html(string page, int status = StatusCodes.Status200OK) => Results.Content(page, "text/html; charset=utf-8", statusCode: status);

    private static IResult NotFound(string message) => Html(NotFoundPage.Render(message), StatusCodes.Status404NotFound);
}
