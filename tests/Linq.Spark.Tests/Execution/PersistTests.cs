namespace Linq.Spark.Tests;

/// <summary>
/// Persist at each storage level: answers as LINQ to Objects, the partitions kept where the level says (memory, files
/// in the local directory, or memory spilling to files when evicted), least recently used evicted first, lambdas
/// before the persist not run again while the partitions are kept, and the files gone with the session.
/// </summary>
public sealed class PersistTests : IDisposable
{
    private static readonly IReadOnlyList<Row> Rows = TestData.Rows;

    private readonly TempFolder _local = new();

    public static TheoryData<StorageLevel, bool> Levels => new()
    {
        { StorageLevel.MemoryOnly, false },
        { StorageLevel.MemoryAndDisk, false },
        { StorageLevel.DiskOnly, false },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public void EveryLevel_keepsThePartitionsAndDoesNotRunTheLambdasAgain(StorageLevel level, bool shipped)
    {
        using var session = Session(memory: 0, shipped);
        var counter = new CallCounter();
        var persisted = session.Parallelize(Rows, 4).Select(x => counter.Count(x)).Where(x => x.Key != 3).Persist(level);

        var first = persisted.Select(x => x.Id).ToList();
        var second = persisted.GroupBy(x => x.Kind).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }).ToList();

        Assert.Equal(Rows.Where(x => x.Key != 3).Select(x => x.Id), first);
        Assert.Equal(
            Rows.Where(x => x.Key != 3).GroupBy(x => x.Kind).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }).OrderBy(x => x.Key),
            second.OrderBy(x => x.Key));
        if (!shipped)
        {
            // A shipped plan runs a copy of the counter.
            Assert.Equal(Rows.Count, counter.Calls);
        }

        Assert.Equal(level == StorageLevel.DiskOnly ? 4 : 0, session.Context.BlockManager.OnDisk);
        Assert.Equal(level == StorageLevel.DiskOnly ? 4 : 0, FilesIn(_local.Path).Count);
        Assert.Equal(level == StorageLevel.DiskOnly ? 0 : session.Context.BlockManager.BytesInMemory, session.Context.Memory.StorageUsed);

        session.Dispose();
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public void ShippedPlan_keepsItsStorageLevel()
    {
        using var session = Session(memory: 0, shipped: true);
        var persisted = session.Parallelize(Rows, 4).Where(x => x.Key != 3).Persist(StorageLevel.DiskOnly);

        Assert.Equal(Rows.Count(x => x.Key != 3), persisted.Count());

        // The plan was written and read back before it ran: its partitions still went to files, not memory.
        Assert.Equal(4, session.Context.BlockManager.OnDisk);
        Assert.Equal(0, session.Context.BlockManager.BytesInMemory);
    }

    [Fact]
    public void MemoryAndDisk_evictsTheLeastRecentlyUsedPartitionsToFiles()
    {
        // Row is about 60 bytes a row as held: 250-row partitions take about 15 KB, and storage may hold 20 KB of 40.
        using var session = Session(memory: 40_000);
        var counter = new CallCounter();
        var persisted = session.Parallelize(Rows, 4).Select(x => counter.Count(x)).Persist(StorageLevel.MemoryAndDisk);

        Assert.Equal(Rows.Sum(x => x.A), persisted.Sum(x => x.A));
        Assert.Equal(Rows.Count(x => x.B > 0), persisted.Count(x => x.B > 0));

        Assert.Equal(Rows.Count, counter.Calls);
        Assert.Equal(3, session.Context.BlockManager.OnDisk);
        Assert.InRange(session.Context.BlockManager.BytesInMemory, 1, session.Context.Memory.StorageLimit);
        Assert.Equal(3, FilesIn(_local.Path).Count);
    }

    [Fact]
    public void NewerQuery_evictsAnOlderQuerysPartitionsToFiles()
    {
        // Storage may hold 80 KB: either query's four partitions (about 18 KB each), not both.
        using var session = Session(memory: 160_000);
        var older = session.Parallelize(Rows, 4).Where(x => x.Key != 1).Persist(StorageLevel.MemoryAndDisk);
        var newer = session.Parallelize(Rows, 4).Where(x => x.Key != 2).Cache();

        _ = older.Count();
        Assert.Equal(0, session.Context.BlockManager.OnDisk);
        _ = newer.Count();

        Assert.Equal(4, session.Context.BlockManager.OnDisk);
        Assert.Equal(Rows.Count(x => x.Key != 1), older.Count());
        Assert.Equal(Rows.Count(x => x.Key != 2), newer.Count());
        Assert.Equal(4, session.Context.BlockManager.OnDisk);
        Assert.InRange(session.Context.BlockManager.BytesInMemory, 1, session.Context.Memory.StorageLimit);
    }

    [Fact]
    public void MemoryOnly_thatDoesNotFit_computesThePartitionsAgain()
    {
        using var session = Session(memory: 40_000);
        var counter = new CallCounter();
        var persisted = session.Parallelize(Rows, 4).Select(x => counter.Count(x)).Cache();

        Assert.Equal(Rows.Sum(x => x.A), persisted.Sum(x => x.A));
        Assert.Equal(Rows.Sum(x => x.A), persisted.Sum(x => x.A));

        // One partition stays in memory; the other three are computed by both actions.
        Assert.Equal(Rows.Count + (Rows.Count * 3 / 4), counter.Calls);
        Assert.Equal(0, session.Context.BlockManager.OnDisk);
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public void UnknownLevel_isRefusedNamingTheLevels()
    {
        using var session = Session(memory: 0);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => session.Parallelize(Rows).Persist((StorageLevel)7));

        Assert.Contains("MemoryOnly, MemoryAndDisk or DiskOnly", error.Message, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => _local.Dispose();

    private SparkSession Session(long memory, bool shipped = false) =>
        SparkSession.Create(new SparkOptions
        {
            ExecutorThreads = 2, ShufflePartitions = 3, ExecutorMemory = memory, LocalDirectory = _local.Path, InlineJobThresholdRows = -1,
            RoundTripPlans = shipped, EncodeShuffleBlocks = shipped,
        });

    private static List<string> FilesIn(string folder) => [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)];
}
