using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Execution.Remote;

/// <summary>
/// What an executor needs of a job before it runs the job's tasks, sent once per job and executor: the plan and its
/// values (the data of parallelized collections among them), the culture the action ran under, and the rows of the
/// job's broadcasts, which the driver collected.
/// </summary>
/// <remarks>
/// Parallelized collections the plan scans go apart (<see cref="SourceWire"/>): their slots carry only the source's id.
/// File sources carry no rows: their slots carry how the driver opened them (<see cref="Sources.Files.FileScanSpec"/>),
/// and each executor opens the files itself.
/// </remarks>
internal sealed record JobPayload(
    byte[] Plan,
    byte[] Values,
    string Culture,
    string UICulture,
    IReadOnlyList<(int Id, byte[] Rows)> Broadcasts,
    IReadOnlyList<(int Slot, Guid Source)> Sources,
    IReadOnlyList<(int Slot, Guid Source, byte[] Spec)> Files,
    bool CountsOperators)
{
    private const int Magic = 0x4C534A50; // "LSJP"

    /// <summary>The payload of a job the driver runs: its plan and values written with <paramref name="allow"/>.</summary>
    public static JobPayload Of(JobRun job, TypeAllowList allow)
    {
        var plan = job.Plan ?? throw new InvalidOperationException($"Job {job.JobId} has no plan to send.");
        var broadcasts = job.AllBroadcastRows.Select(b => (b.Key, RowsWire.Write(b.Value.Exact().Rows, allow))).ToList();

        var values = (object?[])job.Parameters.Clone();
        var sources = new List<(int, Guid)>();
        var files = new List<(int, Guid, byte[])>();
        for (var slot = 0; slot < values.Length; slot++)
        {
            if (SourceWire.ShipsApart(job.Sources[slot]))
            {
                sources.Add((slot, ((Sources.IDataSource)job.Sources[slot]!).Id));
                values[slot] = null;
            }
            else if (job.Sources[slot] is Sources.Files.IFileSource file)
            {
                files.Add((slot, file.Id, file.Spec.ToBytes()));
                values[slot] = null;
            }
        }

        return new JobPayload(
            PlanSerializer.WritePlan(plan.Root, plan.Context, allow),
            PlanSerializer.WriteValues(values, allow),
            job.Culture.Name,
            job.UICulture.Name,
            broadcasts,
            sources,
            files,
            job.Metrics is not null);
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        Bytes(writer, Plan);
        Bytes(writer, Values);
        writer.Write(Culture);
        writer.Write(UICulture);
        writer.Write(Broadcasts.Count);
        foreach (var (id, rows) in Broadcasts)
        {
            writer.Write(id);
            Bytes(writer, rows);
        }

        writer.Write(CountsOperators);
        writer.Write(Sources.Count);
        foreach (var (slot, source) in Sources)
        {
            writer.Write(slot);
            writer.Write(source.ToByteArray());
        }

        writer.Write(Files.Count);
        foreach (var (slot, source, spec) in Files)
        {
            writer.Write(slot);
            writer.Write(source.ToByteArray());
            Bytes(writer, spec);
        }

        writer.Flush();
        return stream.ToArray();
    }

    public static JobPayload FromBytes(byte[] payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("The payload is not a Linq.Spark job.");
        }

        var (plan, values, culture, uiCulture) = (Bytes(reader), Bytes(reader), reader.ReadString(), reader.ReadString());
        var broadcasts = new (int, byte[])[reader.ReadInt32()];
        for (var b = 0; b < broadcasts.Length; b++)
        {
            broadcasts[b] = (reader.ReadInt32(), Bytes(reader));
        }

        var counts = reader.ReadBoolean();
        var sources = new (int, Guid)[reader.ReadInt32()];
        for (var s = 0; s < sources.Length; s++)
        {
            sources[s] = (reader.ReadInt32(), new Guid(reader.ReadBytes(16)));
        }

        var files = new (int, Guid, byte[])[reader.ReadInt32()];
        for (var f = 0; f < files.Length; f++)
        {
            files[f] = (reader.ReadInt32(), new Guid(reader.ReadBytes(16)), Bytes(reader));
        }

        return new JobPayload(plan, values, culture, uiCulture, broadcasts, sources, files, counts);
    }

    private static void Bytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] Bytes(BinaryReader reader) => reader.ReadBytes(reader.ReadInt32());
}
