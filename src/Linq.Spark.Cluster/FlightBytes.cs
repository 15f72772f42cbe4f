using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using Apache.Arrow.Types;
using Grpc.Net.Client;

namespace Linq.Spark.Cluster;

/// <summary>
/// Payloads that are bytes (a job's plan and values, an assembly, a large task outcome) as Arrow record batches of one
/// binary column, one chunk of at most 1 MiB per batch; and the gRPC channels of Flight endpoints, with message limits
/// raised past gRPC's 4 MB default, since a shuffle block is one message.
/// </summary>
internal static class FlightBytes
{
    /// <summary>The largest chunk a batch carries.</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>The largest message a Flight endpoint or client accepts.</summary>
    public const int MaxMessageBytes = 512 << 20;

    public static readonly Schema ChunkSchema = new([new Field("chunk", BinaryType.Default, nullable: false)], null);

    /// <summary>The bytes as batches of one chunk each (one empty batch for no bytes).</summary>
    public static IEnumerable<RecordBatch> ToBatches(byte[] bytes)
    {
        var offset = 0;
        do
        {
            var length = Math.Min(ChunkBytes, bytes.Length - offset);
            var chunk = new BinaryArray.Builder().Append(bytes.AsSpan(offset, length)).Build();
            yield return new RecordBatch(ChunkSchema, [chunk], 1);
            offset += length;
        }
        while (offset < bytes.Length);
    }

    /// <summary>Appends the chunks of a batch made by <see cref="ToBatches"/>.</summary>
    public static void Append(RecordBatch batch, MemoryStream target)
    {
        var chunks = (BinaryArray)batch.Column(0);
        for (var i = 0; i < chunks.Length; i++)
        {
            target.Write(chunks.GetBytes(i));
        }
    }

    /// <summary>A channel to a Flight endpoint, with the raised message limits.</summary>
    public static GrpcChannel Channel(string address, ClusterTls? tls) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = MaxMessageBytes, MaxSendMessageSize = MaxMessageBytes, HttpHandler = tls?.Handler() });

    /// <summary>Sends bytes under a path descriptor and waits for the endpoint's acknowledgement.</summary>
    public static async Task PutAsync(FlightClient client, string[] path, byte[] bytes, CancellationToken cancellation)
    {
        using var put = await client.StartPut(FlightDescriptor.CreatePathDescriptor(path), ChunkSchema).ConfigureAwait(false);
        foreach (var batch in ToBatches(bytes))
        {
            await put.RequestStream.WriteAsync(batch).ConfigureAwait(false);
        }

        await put.RequestStream.CompleteAsync().ConfigureAwait(false);
        while (await put.ResponseStream.MoveNext(cancellation).ConfigureAwait(false))
        {
        }
    }

    /// <summary>The bytes an endpoint streams for a ticket as chunk batches.</summary>
    public static async Task<byte[]> GetAsync(FlightClient client, string ticket, CancellationToken cancellation)
    {
        using var get = client.GetStream(new FlightTicket(ticket));
        using var bytes = new MemoryStream();
        while (await get.ResponseStream.MoveNext(cancellation).ConfigureAwait(false))
        {
            Append(get.ResponseStream.Current, bytes);
        }

        return bytes.ToArray();
    }
}
