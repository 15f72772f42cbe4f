using Linq.Spark.Columnar;
using Linq.Spark.Execution.Shuffle;
using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>
/// Operators exchange bounded batches: a stage's working memory is a few batches, however large its partition, and a
/// shuffle map task hands its rows on as blocks of at most one batch.
/// </summary>
[Collection(NonParallelCollection.Name)]
public sealed class StreamingMemoryTests(ITestOutputHelper output)
{
    private const int Rows = 20_000_000;

    [Fact]
    public void ScanFilterAndPartialAggregation_overOneHugePartition_allocateAFewBatches()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 1 });
        var readings = session.Parallelize(Readings(), partitions: 1);
        var query = readings.Where(r => r.Value % 3 == 0).GroupBy(r => r.Sensor).Select(g => new { g.Key, Total = g.Sum(r => (long)r.Value) });
        var expected = Readings().Where(r => r.Value % 3 == 0).GroupBy(r => r.Sensor).ToDictionary(g => g.Key, g => g.Sum(r => (long)r.Value));

        Assert.Equal(expected, query.ToList().ToDictionary(g => g.Key, g => g.Total));

        // A second run of the same plan reuses its kernels, so what it allocates is what running it costs.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = query.ToList();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        long batchBytes = (long)SparkOptions.DefaultBatchSize * 2 * sizeof(int);
        long partitionBytes = (long)Rows * 2 * sizeof(int);
        output.WriteLine($"{Rows:N0} rows in one partition ({partitionBytes:N0} bytes of columns, batches of {batchBytes:N0} bytes): the job allocated {allocated:N0} bytes");
        Assert.Equal(expected.Count, result.Count);
        Assert.True(allocated < 4 * batchBytes, $"The job allocated {allocated:N0} bytes, more than 4 batches ({4 * batchBytes:N0} bytes).");
    }

    [Fact]
    public void ShuffleWriter_handsOnFullBatches_andKeepsRowOrderPerReducer()
    {
        var blocks = new List<(int Reducer, int Batch, int[] Values)>();
        var writer = new ColumnShuffleWriter(
            Encoder<int>.Exchange,
            [true],
            reducers: 2,
            mapId: 0,
            batchSize: 10,
            (reducer, batch, rows) =>
            {
                blocks.Add((reducer, batch, ((int[])rows.Columns[0]!)[..rows.Count]));
                return rows.Count * sizeof(int);
            });

        for (var value = 0; value < 28; value++)
        {
            var reducer = value % 7 == 0 ? 1 : 0;
            var at = writer.Reserve(reducer);
            ((int[][])writer.Values[0]!)[reducer][at] = value;
        }

        writer.Finish();

        var toFirst = Enumerable.Range(0, 28).Where(v => v % 7 != 0).ToArray();
        Assert.Equal([(0, 0, 10), (0, 1, 10), (0, 2, 4), (1, 0, 4)], blocks.Select(b => (b.Reducer, b.Batch, b.Values.Length)).Order());
        Assert.Equal(toFirst, blocks.Where(b => b.Reducer == 0).OrderBy(b => b.Batch).SelectMany(b => b.Values));
        Assert.Equal([0, 7, 14, 21], blocks.Single(b => b.Reducer == 1).Values);
        Assert.Equal([24L, 4L], writer.Rows);
        Assert.Equal([3, 1], writer.BlocksWritten);
        Assert.Equal([96L, 16L], writer.Bytes);
    }

    [Fact]
    public void ShuffleWriter_buffersGrowWithTheRows_notTheBatchSize_andTheLastFlushAllocatesNothing()
    {
        const int batchSize = 50_000_000;
        var handedOn = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var writer = new ColumnShuffleWriter(Encoder<long>.Exchange, [true], reducers: 4, mapId: 0, batchSize, (_, _, rows) =>
        {
            handedOn += rows.Count;
            return rows.Count * sizeof(long);
        });
        for (var value = 0L; value < 1_000; value++)
        {
            var reducer = (int)(value % 4);
            var at = writer.Reserve(reducer);
            ((long[][])writer.Values[0]!)[reducer][at] = value;
        }

        writer.Finish();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1_000, handedOn);
        Assert.All((long[][])writer.Values[0]!, buffer => Assert.Empty(buffer));
        Assert.True(allocated < 64 * 1024, $"1,000 rows in batches of {batchSize:N0} allocated {allocated:N0} bytes.");
    }

    private static Reading[] Readings()
    {
        var readings = new Reading[Rows];
        for (var i = 0; i < readings.Length; i++)
        {
            readings[i] = new Reading(i % 97, i % 1000);
        }

        return readings;
    }

    /// <summary>A sensor's reading.</summary>
    public readonly record struct Reading(int Sensor, int Value);
}
