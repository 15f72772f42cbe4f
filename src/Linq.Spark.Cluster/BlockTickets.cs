using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using Apache.Arrow.Types;
using Linq.Spark.Execution.Blocks;

namespace Linq.Spark.Cluster;

/// <summary>
/// The Flight tickets of shuffle blocks: a map task's blocks for one reducer, fetched in one stream of record batches,
/// one per block, each holding the block's rows (and a range shuffle's sort keys) as Arrow IPC bytes.
/// </summary>
internal static class BlockTickets
{
    private const string Prefix = "blocks|";

    public static readonly Schema Schema = new(
        [new Field("rows", BinaryType.Default, nullable: false), new Field("keys", BinaryType.Default, nullable: true)], null);

    /// <summary>The ticket of blocks 0..count-1 of one map task for one reducer.</summary>
    public static string Ticket(ShuffleBlockId first, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{first.JobId}|{first.ShuffleId}|{first.MapId}|{first.ReduceId}|{count}");

    /// <summary>Whether a ticket names blocks; if so, which.</summary>
    public static bool TryParse(string ticket, out IReadOnlyList<ShuffleBlockId> blocks)
    {
        blocks = [];
        if (!ticket.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = ticket[Prefix.Length..].Split('|').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        blocks = [.. Enumerable.Range(0, parts[4]).Select(b => new ShuffleBlockId(parts[0], parts[1], parts[2], parts[3], b))];
        return true;
    }

    /// <summary>One block as a record batch of the schema above.</summary>
    public static RecordBatch Batch((byte[] Rows, byte[]? Keys) block)
    {
        var rows = new BinaryArray.Builder().Append(block.Rows.AsSpan()).Build();
        var keys = new BinaryArray.Builder();
        if (block.Keys is null)
        {
            keys.AppendNull();
        }
        else
        {
            keys.Append(block.Keys.AsSpan());
        }

        return new RecordBatch(Schema, [rows, keys.Build()], 1);
    }

    /// <summary>Fetches a map task's consecutive blocks for one reducer from the executor that holds them.</summary>
    public static async Task<IReadOnlyList<(byte[] Rows, byte[]? Keys)>> FetchAsync(FlightClient client, IReadOnlyList<ShuffleBlockId> blocks, CancellationToken cancellation)
    {
        var first = blocks[0];
        if (!blocks.Select((b, i) => b == first with { Batch = i }).All(same => same))
        {
            throw new ArgumentException("Blocks are fetched as one map task's consecutive blocks for one reducer.", nameof(blocks));
        }

        var fetched = new List<(byte[], byte[]?)>(blocks.Count);
        using var get = client.GetStream(new FlightTicket(Ticket(first, blocks.Count)));
        while (await get.ResponseStream.MoveNext(cancellation).ConfigureAwait(false))
        {
            var batch = get.ResponseStream.Current;
            var (rows, keys) = ((BinaryArray)batch.Column(0), (BinaryArray)batch.Column(1));
            for (var i = 0; i < batch.Length; i++)
            {
                fetched.Add((rows.GetBytes(i).ToArray(), keys.IsNull(i) ? null : keys.GetBytes(i).ToArray()));
            }
        }

        return fetched.Count == blocks.Count
            ? fetched
            : throw new InvalidDataException($"Fetched {fetched.Count} of {blocks.Count} blocks of {Ticket(first, blocks.Count)}.");
    }
}
