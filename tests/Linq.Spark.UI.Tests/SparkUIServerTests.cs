using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Linq.Spark.UI.Pages;
using Linq.Spark.UI.Tests.Infrastructure;

namespace Linq.Spark.UI.Tests;

/// <summary>The server without a browser: where it binds, the port it falls back to, that disposing stops it, its JSON API and its bounded history.</summary>
public sealed class SparkUIServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task StartUI_withoutAddress_listensOnLoopbackOnly()
    {
        await using var ui = new UISession();

        Assert.Equal("127.0.0.1", ui.UI.Url.Host);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(ui.At("/jobs"))).StatusCode);
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToList();
        foreach (var address in others)
        {
            using var client = new TcpClient();
            var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(address, ui.UI.Port));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    [Fact]
    public async Task StartUI_portTaken_servesOnTheNextFreeOne()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 1 });
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            await using var ui = session.StartUI(port);

            Assert.InRange(ui.Port, port + 1, port + SparkUI.MaxPortRetries);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri(ui.Url, "/executors"))).StatusCode);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task Dispose_stopsTheServer()
    {
        var ui = new UISession();
        var url = ui.At("/jobs");
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(url)).StatusCode);

        await ui.DisposeAsync();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(url));
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public void StartUI_notAnAddress_throwsNamingIt()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 1 });

        var error = Assert.Throws<ArgumentException>(() => session.StartUI(0, "my laptop"));
        Assert.Contains("'my laptop' is not an IP address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_completedJob_reportsTheNumbersOfCompletedJobs()
    {
        await using var ui = new UISession();
        var (job, submission) = ui.StartHeldJob();
        ui.Gate.Open();
        await job;
        var info = ui.Session.CompletedJobs.Single(j => j.JobId == submission.JobId);

        using var jobJson = JsonDocument.Parse(await Http.GetStringAsync(ui.At($"/api/v1/jobs/{submission.JobId}")));
        Assert.Equal("SUCCEEDED", jobJson.RootElement.GetProperty("status").GetString());
        Assert.Equal(info.Duration.TotalMilliseconds, jobJson.RootElement.GetProperty("duration").GetDouble());
        Assert.Equal(submission.PlanText, jobJson.RootElement.GetProperty("planText").GetString());
        foreach (var stage in info.Stages)
        {
            using var stageJson = JsonDocument.Parse(await Http.GetStringAsync(ui.At($"/api/v1/stages/{stage.StageId}")));
            var root = stageJson.RootElement;
            Assert.Equal("COMPLETE", root.GetProperty("status").GetString());
            Assert.Equal(stage.ShuffleWriteBytes, root.GetProperty("shuffleWriteBytes").GetInt64());
            Assert.Equal(stage.ShuffleWriteRows, root.GetProperty("shuffleWriteRows").GetInt64());
            Assert.Equal(stage.NumTasks, root.GetProperty("tasks").GetArrayLength());
            Assert.Equal(
                info.Stages.Where(p => stage.ParentIds.Contains(p.StageId)).Sum(p => p.ShuffleWriteBytes),
                root.GetProperty("shuffleReadBytes").GetInt64());
        }

        using var executors = JsonDocument.Parse(await Http.GetStringAsync(ui.At("/api/v1/executors")));
        Assert.Equal(
            ui.Session.CompletedJobs.Sum(j => j.Stages.Sum(s => s.NumTasks)),
            executors.RootElement.EnumerateArray().Sum(e => e.GetProperty("completedTasks").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(ui.At("/api/v1/jobs/4242"))).StatusCode);
    }

    [Fact]
    public async Task History_keepsTheLastRetainedJobsOnly()
    {
        await using var ui = new UISession(retainedJobs: 2);
        var rows = ui.Session.Parallelize(Enumerable.Range(0, 100).ToArray(), 2);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(100 - i, rows.Count(x => x >= i));
        }

        var kept = ui.Session.CompletedJobs.TakeLast(2).Select(j => j.JobId).Reverse().ToList();
        using var jobs = JsonDocument.Parse(await Http.GetStringAsync(ui.At("/api/v1/jobs")));
        Assert.Equal(kept, jobs.RootElement.EnumerateArray().Select(j => j.GetProperty("jobId").GetInt32()));
        // The job just before the kept ones ran (the session announced it) and is gone from the UI.
        var dropped = kept.Min() - 1;
        Assert.Equal(dropped, ui.Recorder.Submission(dropped).JobId);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(ui.At($"/jobs/{dropped}"))).StatusCode);
        Assert.Contains("2 older ones dropped", await Http.GetStringAsync(ui.At("/jobs")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spill_isShownForTheStageAndEachTask()
    {
        var local = Directory.CreateTempSubdirectory("linq-spark-ui-spill").FullName;
        try
        {
            // 8,000 bytes of shuffle blocks, of which blocks in memory may take 2,000.
            await using var ui = new UISession(executorMemory: 4_000, localDirectory: local);
            _ = ui.Session.Parallelize(Enumerable.Range(0, 2_000).ToArray(), 4).Repartition(3).Where(x => x % 2 == 0).ToList();

            var map = ui.Session.CompletedJobs.Single().Stages.Single(s => s.IsShuffleMap);
            Assert.True(map.SpilledBytes > 0);
            using var api = JsonDocument.Parse(await Http.GetStringAsync(ui.At($"/api/v1/stages/{map.StageId}")));
            Assert.Equal(map.SpilledBytes, api.RootElement.GetProperty("spilledBytes").GetInt64());
            Assert.Equal(map.SpilledBytes, api.RootElement.GetProperty("tasks").EnumerateArray().Sum(t => t.GetProperty("spilledBytes").GetInt64()));
            var page = await Http.GetStringAsync(ui.At($"/stages/{map.StageId}"));
            Assert.Contains($"<dd id=\"spill\">{Format.Bytes(map.SpilledBytes)}</dd>", page, StringComparison.Ordinal);
            Assert.Contains("Spill (Disk)", await Http.GetStringAsync(ui.At("/jobs/0")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task PeakExecutionMemory_isShownForTheStageAndEachTask()
    {
        await using var ui = new UISession();
        _ = ui.Session.Parallelize(Enumerable.Range(0, 5_000).ToArray(), 4).GroupBy(x => x % 1_000).Select(g => string.Join(",", g)).ToList();

        var result = ui.Session.CompletedJobs.Single().Stages.Single(s => !s.IsShuffleMap);
        Assert.True(result.PeakExecutionMemory > 0);
        using var api = JsonDocument.Parse(await Http.GetStringAsync(ui.At($"/api/v1/stages/{result.StageId}")));
        Assert.Equal(result.PeakExecutionMemory, api.RootElement.GetProperty("peakExecutionMemory").GetInt64());
        Assert.Equal(result.PeakExecutionMemory, api.RootElement.GetProperty("tasks").EnumerateArray().Max(t => t.GetProperty("peakExecutionMemory").GetInt64()));
        var page = await Http.GetStringAsync(ui.At($"/stages/{result.StageId}"));
        Assert.Contains($"<dd id=\"peak-memory\">{Format.Bytes(result.PeakExecutionMemory)}</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<th class=\"num\">Peak Execution Memory</th>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutorsPage_showsTheExecutorMemorysUse()
    {
        await using var ui = new UISession(executorMemory: 64L << 20);
        var persisted = ui.Session.Parallelize(Enumerable.Range(0, 10_000).ToArray(), 4).Persist(StorageLevel.MemoryOnly);
        _ = persisted.Count();

        var status = ui.Session.MemoryStatus;
        Assert.Equal(64L << 20, status.ExecutorMemoryBytes);
        Assert.Equal(40_000, status.StorageUsedBytes);
        Assert.Equal(0, status.ExecutionUsedBytes);
        var page = await Http.GetStringAsync(ui.At("/executors"));
        Assert.Contains($"<dd id=\"executor-memory\">{Format.Bytes(64L << 20)}</dd>", page, StringComparison.Ordinal);
        Assert.Contains($"<dd id=\"storage-memory\">{Format.Bytes(40_000)} of at most {Format.Bytes(32L << 20)}</dd>", page, StringComparison.Ordinal);
        Assert.Contains($"<dd id=\"execution-memory\">{Format.Bytes(0)}, 0 tasks holding some</dd>", page, StringComparison.Ordinal);
    }
}
