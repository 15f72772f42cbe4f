using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using Grpc.Core;
using Grpc.Net.Client;

namespace Linq.Spark.Cluster.Tests;

/// <summary>A cluster whose Orleans connections and Flight endpoints use TLS with one certificate, refusing any other party.</summary>
public sealed class TlsClusterTests(TlsClusterProcesses cluster) : IClassFixture<TlsClusterProcesses>
{
    [Fact]
    public void Queries_withShufflesOverTls_matchLinqToObjects()
    {
        SalesCheck.GroupAndFilter_matchLinqToObjects(cluster.Session);

        // The workers serve their blocks over HTTPS.
        Assert.All(cluster.Workers, w => Assert.Contains("worker https://127.0.0.1:", cluster.OutputOf(w), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Driver_withoutTheCertificate_isRefused_withAClearError()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            ClusterConnection.ConnectAsync(cluster.Master, null, workers: 2, TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.Contains("--tls-certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlightEndpoint_refusesAnotherCertificate()
    {
        var output = cluster.OutputOf(cluster.Workers[0]);
        var start = output.IndexOf("https://", StringComparison.Ordinal);
        var address = output[start..output.IndexOf(' ', start)];
        using var stranger = TlsClusterProcesses.SelfSigned("CN=stranger");
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                ClientCertificates = [stranger],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });
        var client = new FlightClient(channel);

        await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var get = client.GetStream(new FlightTicket("blocks|none"));
            await get.ResponseStream.MoveNext(CancellationToken.None);
        });
    }
}
