using Linq.Spark.Columnar;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Execution.Remote;

/// <summary>
/// Rows that cross between a driver and a cluster executor in bulk — a broadcast's collected rows, a result task's
/// partition — as one Arrow IPC batch of their columns (the element type's encoder), not object by object; rows with
/// a null among them (DefaultIfEmpty's) go through the value codec, as columns have no place for a missing row.
/// </summary>
internal static class RowsWire
{
    private const byte Columns = 1;
    private const byte Values = 2;

    public static byte[] Write(Array rows, TypeAllowList allow)
    {
        var elementType = rows.GetType().GetElementType()!;
        if (!elementType.IsValueType && Array.IndexOf(rows, null) >= 0)
        {
            return [Values, .. PlanSerializer.WriteValues([rows], allow)];
        }

        var encoder = Encoders.For(elementType, stored: false);
        return [Columns, .. new ArrowBlockCodec(allow).Encode(encoder.EncodeArray(rows), encoder)];
    }

    /// <summary>The rows written by <see cref="Write"/>, as an array of <paramref name="elementType"/>.</summary>
    public static Array Read(byte[] payload, Type elementType, TypeAllowList allow)
    {
        if (payload[0] == Values)
        {
            return (Array)PlanSerializer.ReadValues(payload[1..], allow)[0]!;
        }

        var encoder = Encoders.For(elementType, stored: false);
        return encoder.DecodeAll(new ArrowBlockCodec(allow).Decode(payload.AsMemory(1), encoder));
    }
}
