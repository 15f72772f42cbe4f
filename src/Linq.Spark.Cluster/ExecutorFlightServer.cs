using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Server;
using Grpc.Core;
using Linq.Spark.Execution.Remote;

namespace Linq.Spark.Cluster;

/// <summary>
/// A worker's Arrow Flight endpoint. DoGet serves shuffle blocks to other workers' reducers and large task outcomes to
/// the driver; DoPut takes what a driver sends before a job's tasks: the application's assemblies
/// (<c>assembly/APP/MVID</c>), its parallelized collections (<c>source/APP/ID</c>) and each job's plan and values
/// (<c>job/APP/JOB/ENGINE-MVID/MVID…</c>).
/// </summary>
internal sealed class ExecutorFlightServer(Worker worker) : FlightServer
{
    public override async Task DoGet(FlightTicket ticket, FlightServerRecordBatchStreamWriter responseStream, ServerCallContext context)
    {
        var text = ticket.Ticket.ToStringUtf8();
        try
        {
            if (BlockTickets.TryParse(text, out var blocks))
            {
                foreach (var id in blocks)
                {
                    await responseStream.WriteAsync(BlockTickets.Batch(worker.Executor.Block(id))).ConfigureAwait(false);
                }

                return;
            }

            foreach (var batch in FlightBytes.ToBatches(worker.TakeOutcome(text)))
            {
                await responseStream.WriteAsync(batch).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"{text}: {e.Message}"));
        }
    }

    public override async Task DoPut(FlightServerRecordBatchStreamReader requestStream, IAsyncStreamWriter<FlightPutResult> responseStream, ServerCallContext context)
    {
        var path = (await requestStream.FlightDescriptor.ConfigureAwait(false)).Paths.ToArray();
        using var bytes = new MemoryStream();
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            FlightBytes.Append(requestStream.Current, bytes);
        }

        try
        {
            switch (path)
            {
                case ["assembly", var application, var mvid]:
                    worker.Applications.Add(application, Guid.Parse(mvid), bytes.ToArray());
                    break;
                case ["source", var application, var id]:
                    worker.Executor.AddSource(application, Guid.Parse(id), bytes.ToArray());
                    break;
                case ["job", var application, var job, var engine, .. var mvids]:
                    CheckEngine(Guid.Parse(engine));
                    var allow = worker.Applications.AllowList(application, mvids.Select(Guid.Parse));
                    worker.Executor.AddJob(application, job, JobPayload.FromBytes(bytes.ToArray()), allow);
                    break;
                default:
                    throw new InvalidOperationException($"Nothing is put at {string.Join('/', path)}.");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or InvalidDataException or FormatException or BadImageFormatException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{string.Join('/', path)}: {e.Message}"));
        }

        await responseStream.WriteAsync(new FlightPutResult(string.Empty)).ConfigureAwait(false);
    }

    /// <summary>Plans are read by the engine build that wrote them: a driver on another Linq.Spark build is refused.</summary>
    private static void CheckEngine(Guid driverEngine)
    {
        var own = typeof(SparkSession).Assembly.ManifestModule.ModuleVersionId;
        if (driverEngine != own)
        {
            throw new InvalidOperationException(
                $"The driver runs another build of Linq.Spark (MVID {driverEngine}) than this worker ({own}); run both from the same build.");
        }
    }
}
