using Linq.Spark.Buffers;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Execution.Memory;

namespace Linq.Spark.Execution.Operators;

/// <summary>
/// A stable sort of one partition within the operator's memory (Spark's UnsafeExternalSorter): rows are buffered while
/// the reservation grows; when it is refused, the buffer is sorted and written as a run to a spill file; at the end
/// the runs and the last buffer are merged with a heap, equal rows taken from the earlier run first, so rows that
/// compare equal keep their input order.
/// </summary>
internal static class ExternalSort
{
    public static PartitionData Sort<T>(IEnumerable<PartitionData> chunks, Comparison<T> compare, TaskContext context, MemoryReservation reservation, int batchSize)
    {
        var buffer = new RowList<T>();
        var runs = new List<SpillFile<T>>();
        try
        {
            foreach (var chunk in chunks)
            {
                buffer.AddRange((T[])chunk.Rows, 0, chunk.Count);
                if (reservation.TryGrowTo(buffer.Items.Length * MemorySize.Of<T>()) || buffer.Count == 0)
                {
                    continue;
                }

                StableSort.Sort(buffer.Items, buffer.Count, compare);
                var run = context.Job.Spills.Create<T>(reservation, batchSize);
                runs.Add(run);
                run.Write(buffer.Items, 0, buffer.Count);
                buffer = new RowList<T>();
                reservation.Free();
            }

            StableSort.Sort(buffer.Items, buffer.Count, compare);
            if (runs.Count == 0)
            {
                return PartitionData.From(buffer);
            }

            return PartitionData.From(Merge(runs, buffer, compare));
        }
        finally
        {
            reservation.Free();
            foreach (var run in runs)
            {
                run.Dispose();
            }
        }
    }

    /// <summary>Merges the sorted runs and the sorted last buffer (the latest rows) into one sorted array.</summary>
    private static T[] Merge<T>(List<SpillFile<T>> runs, RowList<T> last, Comparison<T> compare)
    {
        var sources = new List<IEnumerator<T[]>>();
        foreach (var run in runs)
        {
            sources.Add(run.Read().GetEnumerator());
        }

        sources.Add(((IEnumerable<T[]>)[last.ToArray()]).GetEnumerator());
        var output = new T[runs.Sum(r => r.Rows) + last.Count];
        var chunks = new T[sources.Count][];
        var positions = new int[sources.Count];
        var heap = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) =>
        {
            var order = compare(chunks[a][positions[a]], chunks[b][positions[b]]);
            return order != 0 ? order : a.CompareTo(b);
        }));
        for (var s = 0; s < sources.Count; s++)
        {
            if (Advance(s))
            {
                heap.Enqueue(s, s);
            }
        }

        var at = 0;
        while (heap.TryDequeue(out var s, out _))
        {
            output[at++] = chunks[s][positions[s]++];
            if (positions[s] < chunks[s].Length || Advance(s))
            {
                heap.Enqueue(s, s);
            }
        }

        foreach (var source in sources)
        {
            source.Dispose();
        }

        return output;

        // Moves source s to its next non-empty chunk.
        bool Advance(int s)
        {
            while (sources[s].MoveNext())
            {
                if (sources[s].Current.Length > 0)
                {
                    chunks[s] = sources[s].Current;
                    positions[s] = 0;
                    return true;
                }
            }

            return false;
        }
    }
}
