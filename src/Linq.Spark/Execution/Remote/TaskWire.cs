using Linq.Spark.Buffers;
using Linq.Spark.Execution.Scheduling;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Execution.Remote;

/// <summary>
/// The binary form of what goes between a driver and a cluster executor about one task: the task (<see cref="RemoteTask"/>)
/// and its outcome (a map status, a partition's rows or an error). Arrays of rows and keys go through the plan's value
/// codec with the job's allow-list; an error goes as its type name, message and stack trace.
/// </summary>
internal static class TaskWire
{
    private const int TaskMagic = 0x4C535454; // "LSTT"
    private const int OutcomeMagic = 0x4C53544F; // "LSTO"

    public static byte[] WriteTask(RemoteTask task, TypeAllowList allow)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(TaskMagic);
        writer.Write(task.JobKey);
        writer.Write(task.StageId);
        writer.Write(task.IsMap);
        writer.Write(task.NodeId);
        writer.Write(task.Partition);
        writer.Write(task.Attempt);
        writer.Write(task.LastOnly);
        writer.Write(task.KeepPartialOutput);
        writer.Write(task.MaxTaskFailures);
        writer.Write(task.Shuffles.Count);
        foreach (var shuffle in task.Shuffles)
        {
            writer.Write(shuffle.ShuffleId);
            WriteArray(writer, shuffle.RangeBounds, allow);
            writer.Write(shuffle.Statuses.Count);
            foreach (var status in shuffle.Statuses)
            {
                WriteStatus(writer, status, allow);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    public static RemoteTask ReadTask(byte[] payload, TypeAllowList allow)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
        Expect(reader, TaskMagic, "task");
        var (jobKey, stageId, isMap, nodeId, partition, attempt) = (reader.ReadString(), reader.ReadInt32(), reader.ReadBoolean(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var (lastOnly, keepPartial, maxFailures) = (reader.ReadBoolean(), reader.ReadBoolean(), reader.ReadInt32());
        var shuffles = new RemoteShuffle[reader.ReadInt32()];
        for (var s = 0; s < shuffles.Length; s++)
        {
            var shuffleId = reader.ReadInt32();
            var bounds = ReadArray(reader, allow);
            var statuses = new MapStatus[reader.ReadInt32()];
            for (var m = 0; m < statuses.Length; m++)
            {
                statuses[m] = ReadStatus(reader, allow);
            }

            shuffles[s] = new RemoteShuffle(shuffleId, statuses, bounds);
        }

        return new RemoteTask(jobKey, stageId, isMap, nodeId, partition, attempt, lastOnly, keepPartial, maxFailures, shuffles);
    }

    /// <summary>An attempt's outcome; a partition's rows past its count are not sent.</summary>
    public static byte[] WriteOutcome(TaskOutcome outcome, TypeAllowList allow)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(OutcomeMagic);
        writer.Write(outcome.Elapsed.Ticks);
        writer.Write(outcome.SpilledBytes);
        writer.Write(outcome.PeakExecutionMemory);
        WriteCounts(writer, outcome.Counts);
        WriteError(writer, outcome.Error);
        switch (outcome.Result)
        {
            case MapStatus status:
                writer.Write((byte)1);
                WriteStatus(writer, status, allow);
                break;
            case PartitionData rows:
                writer.Write((byte)2);
                var bytes = RowsWire.Write(rows.Exact().Rows, allow);
                writer.Write(bytes.Length);
                writer.Write(bytes);
                WriteError(writer, rows.Failure);
                break;
            default:
                writer.Write((byte)0);
                break;
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>An outcome written by <see cref="WriteOutcome"/>; a partition's rows are of <paramref name="rowType"/>.</summary>
    public static TaskOutcome ReadOutcome(byte[] payload, TypeAllowList allow, string executorId, Type rowType)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
        Expect(reader, OutcomeMagic, "task outcome");
        var elapsed = TimeSpan.FromTicks(reader.ReadInt64());
        var (spilled, peak) = (reader.ReadInt64(), reader.ReadInt64());
        var counts = ReadCounts(reader);
        var error = ReadError(reader, executorId);
        object? result = reader.ReadByte() switch
        {
            1 => ReadStatus(reader, allow),
            2 => ReadRows(reader, allow, executorId, rowType),
            _ => null,
        };
        return new TaskOutcome(result, error, elapsed, spilled, peak) { Counts = counts };
    }

    /// <summary>Per-operator counts; times in stopwatch ticks of the writer's frequency, converted on reading.</summary>
    private static void WriteCounts(BinaryWriter writer, TaskCounts? counts)
    {
        writer.Write(counts is not null);
        if (counts is null)
        {
            return;
        }

        writer.Write(counts.Rows.Length);
        for (var id = 0; id < counts.Rows.Length; id++)
        {
            writer.Write(counts.Rows[id]);
            writer.Write(counts.Ran[id]);
            writer.Write(counts.Ticks[id]);
        }

        writer.Write(System.Diagnostics.Stopwatch.Frequency);
        foreach (var byOperator in new[] { counts.PeakMemory, counts.Spilled })
        {
            writer.Write(byOperator.Count);
            foreach (var (id, bytes) in byOperator)
            {
                writer.Write(id);
                writer.Write(bytes);
            }
        }
    }

    private static TaskCounts? ReadCounts(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var operators = reader.ReadInt32();
        var (rows, ran, ticks) = (new long[operators], new bool[operators], new long[operators]);
        for (var id = 0; id < operators; id++)
        {
            (rows[id], ran[id], ticks[id]) = (reader.ReadInt64(), reader.ReadBoolean(), reader.ReadInt64());
        }

        var scale = (double)System.Diagnostics.Stopwatch.Frequency / reader.ReadInt64();
        for (var id = 0; id < operators; id++)
        {
            ticks[id] = (long)(ticks[id] * scale);
        }

        var (peaks, spills) = (ReadByOperator(reader), ReadByOperator(reader));
        return new TaskCounts(rows, ran, ticks, peaks, spills);

        static Dictionary<int, long> ReadByOperator(BinaryReader reader)
        {
            var byOperator = new Dictionary<int, long>();
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                byOperator[reader.ReadInt32()] = reader.ReadInt64();
            }

            return byOperator;
        }
    }

    private static PartitionData ReadRows(BinaryReader reader, TypeAllowList allow, string executorId, Type rowType)
    {
        var rows = RowsWire.Read(reader.ReadBytes(reader.ReadInt32()), rowType, allow);
        return new PartitionData(rows, rows.Length, ReadError(reader, executorId));
    }

    private static void WriteStatus(BinaryWriter writer, MapStatus status, TypeAllowList allow)
    {
        writer.Write(status.JobId);
        writer.Write(status.ShuffleId);
        writer.Write(status.MapId);
        writer.Write(status.ExecutorId);
        writer.Write(status.RowsPerReducer.Length);
        for (var r = 0; r < status.RowsPerReducer.Length; r++)
        {
            writer.Write(status.RowsPerReducer[r]);
            writer.Write(status.BytesPerReducer[r]);
            writer.Write(status.BlocksPerReducer[r]);
        }

        WriteArray(writer, status.KeySample, allow);
        WriteError(writer, status.Failure);
    }

    private static MapStatus ReadStatus(BinaryReader reader, TypeAllowList allow)
    {
        var (jobId, shuffleId, mapId, executorId) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadString());
        var reducers = reader.ReadInt32();
        var (rows, bytes, blocks) = (new long[reducers], new long[reducers], new int[reducers]);
        for (var r = 0; r < reducers; r++)
        {
            (rows[r], bytes[r], blocks[r]) = (reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt32());
        }

        var sample = ReadArray(reader, allow);
        return new MapStatus(jobId, shuffleId, mapId, executorId, rows, bytes, blocks, sample, ReadError(reader, executorId));
    }

    private static void WriteArray(BinaryWriter writer, Array? array, TypeAllowList allow)
    {
        if (array is null)
        {
            writer.Write(-1);
            return;
        }

        var bytes = PlanSerializer.WriteValues([array], allow);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static Array? ReadArray(BinaryReader reader, TypeAllowList allow)
    {
        var length = reader.ReadInt32();
        return length < 0 ? null : (Array?)PlanSerializer.ReadValues(reader.ReadBytes(length), allow)[0];
    }

    /// <summary>
    /// An error as its type's name, message and stack trace, and whether it is an operator's own (LINQ's, such as an
    /// empty sequence's First) or the query's code's; a fetch failure with the shuffle, map task and executor, which the
    /// driver acts on.
    /// </summary>
    private static void WriteError(BinaryWriter writer, Exception? error)
    {
        if (error is FetchFailedException fetch)
        {
            writer.Write((byte)2);
            writer.Write(fetch.ShuffleId);
            writer.Write(fetch.MapId);
            writer.Write(fetch.ExecutorId);
            writer.Write(fetch.Reason);
            return;
        }

        writer.Write((byte)(error is null ? 0 : error is Internal.OperatorException ? 3 : 1));
        if (error is null)
        {
            return;
        }

        var own = error is Internal.OperatorException { InnerException: { } inner } ? inner : error;
        var remote = own as RemoteTaskException ?? own.InnerException as RemoteTaskException;
        writer.Write(remote?.RemoteType ?? own.GetType().FullName ?? own.GetType().Name);
        writer.Write(remote?.RemoteMessage ?? own.Message);
        writer.Write(remote?.RemoteStackTrace ?? own.ToString());
        writer.Write(remote?.ExecutorId ?? string.Empty);
    }

    /// <remarks>An error raised on another executor first (a map task's deferred failure, read by a reducer) keeps that executor's id.</remarks>
    private static Exception? ReadError(BinaryReader reader, string executorId)
    {
        var tag = reader.ReadByte();
        switch (tag)
        {
            case 0:
                return null;
            case 2:
                return new FetchFailedException(reader.ReadInt32(), reader.ReadInt32(), reader.ReadString(), reader.ReadString());
        }

        var (type, message, stack, origin) = (reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString());
        var error = Rebuilt(type, message, new RemoteTaskException(type, message, stack, origin.Length > 0 ? origin : executorId));
        return tag == 3 ? new Internal.OperatorException(error) : error;
    }

    /// <summary>
    /// The .NET runtime's own exception types come back as themselves, with the same message, so a caller catches a
    /// task's <see cref="DivideByZeroException"/> as it would locally; the remote details are its inner exception. Any
    /// other type comes back as the <see cref="RemoteTaskException"/>.
    /// </summary>
    private static Exception Rebuilt(string type, string message, RemoteTaskException remote)
    {
        var known = typeof(object).Assembly.GetType(type, throwOnError: false);
        if (known is null || !typeof(Exception).IsAssignableFrom(known) || known.IsAbstract
            || known.GetConstructor([typeof(string), typeof(Exception)]) is not { } constructor)
        {
            return remote;
        }

        return (Exception)constructor.Invoke([message, remote]);
    }

    private static void Expect(BinaryReader reader, int magic, string what)
    {
        if (reader.ReadInt32() != magic)
        {
            throw new InvalidDataException($"The payload is not a Linq.Spark {what}.");
        }
    }
}
