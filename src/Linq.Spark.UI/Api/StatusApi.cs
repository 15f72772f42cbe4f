using System.Text.Json;
using System.Text.Json.Serialization;
using Linq.Spark.UI.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Linq.Spark.UI.Api;

/// <summary>
/// The JSON API under /api/v1, shaped after Spark's REST API: jobs, one job with its stages, one stage with its task
/// attempts, and the executor slots. Names are camelCase and durations are milliseconds.
/// </summary>
internal static class StatusApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new MillisecondsConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Map(IEndpointRouteBuilder routes, AppStatusStore store)
    {
        var api = routes.MapGroup("/api/v1");
        api.MapGet("/jobs", () => Results.Json(store.Jobs(), Json));
        api.MapGet("/jobs/{id:int}", (int id) => store.Job(id) is { } job ? Results.Json(job, Json) : NotFound($"Job {id} is not known to this UI."));
        api.MapGet("/stages/{id:int}", (int id) => store.Stage(id) is { } stage ? Results.Json(stage, Json) : NotFound($"Stage {id} is not known to this UI."));
        api.MapGet("/executors", () => Results.Json(store.Executors(), Json));
        api.MapGet("/{**rest}", (string? rest) => NotFound($"/api/v1/{rest} is not part of the API; it has jobs, jobs/{{id}}, stages/{{id}} and executors."));
    }

    private static IResult NotFound(string message) => Results.Json(new { error = message }, Json, statusCode: StatusCodes.Status404NotFound);
}
