using System.Diagnostics;

namespace Linq.Spark.Cluster.Tests;

/// <summary>A worker and the master stop cleanly on SIGTERM, as a service manager stops them: exit code 0, after saying so.</summary>
public sealed class ProcessStopTests(ClusterProcesses cluster) : IClassFixture<ClusterProcesses>
{
    [Fact]
    public async Task WorkerAndMaster_stopCleanlyOnSigterm()
    {
        var worker = await cluster.StartAsync(["worker", "--master", cluster.Master, "--threads", "1"], "joined");

        await Terminate(worker);
        await Terminate(cluster.MasterProcess);
    }

    private async Task Terminate(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", $"{process.Id}"]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
        await Task.Delay(200);
        Assert.Contains("stopped", cluster.OutputOf(process), StringComparison.Ordinal);
    }
}
