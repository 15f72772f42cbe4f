using Linq.Spark.Columnar;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Planning.Serialization;
using Linq.Spark.Sources;

namespace Linq.Spark.Execution.Remote;

/// <summary>
/// A parallelized collection as it goes to a cluster's executors: each partition's column batches as Arrow IPC
/// (LZ4-compressed), sent once per executor and driver session and kept there under the source's id, so the jobs
/// that scan it carry only the id.
/// </summary>
internal static class SourceWire
{
    private const int Magic = 0x4C535053; // "LSPS"

    /// <summary>Whether a scan's source goes apart from its job: a collection held in memory (files are read by the executors).</summary>
    public static bool ShipsApart(object? source) => source is IDataSource { ReadsFiles: false } data && data.GetType().IsGenericType
        && data.GetType().GetGenericTypeDefinition() == typeof(ParallelizedSource<>);

    public static byte[] Write(IDataSource source, TypeAllowList allow)
    {
        var codec = new ArrowBlockCodec(allow);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write(source.NumPartitions);
        for (var p = 0; p < source.NumPartitions; p++)
        {
            var batches = source.GetBatches(p).ToList();
            writer.Write(batches.Count);
            foreach (var batch in batches)
            {
                var bytes = codec.Encode(batch, source.Encoder);
                writer.Write(bytes.Length);
                writer.Write(bytes);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>The source written by <see cref="Write"/>, with its id, of rows of <paramref name="elementType"/>.</summary>
    public static IDataSource Read(byte[] payload, Guid id, Type elementType, TypeAllowList allow)
    {
        var codec = new ArrowBlockCodec(allow);
        var encoder = Encoders.For(elementType, stored: true);
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException($"The payload of source {id} is not a Linq.Spark source.");
        }

        var partitions = new IReadOnlyList<ColumnBatch>[reader.ReadInt32()];
        for (var p = 0; p < partitions.Length; p++)
        {
            var batches = new ColumnBatch[reader.ReadInt32()];
            for (var b = 0; b < batches.Length; b++)
            {
                batches[b] = codec.Decode(reader.ReadBytes(reader.ReadInt32()), encoder);
            }

            partitions[p] = batches;
        }

        return (IDataSource)Activator.CreateInstance(typeof(ParallelizedSource<>).MakeGenericType(elementType), id, partitions)!;
    }
}
