namespace Linq.Spark.Tests;

/// <summary>
/// Shuffle blocks past <see cref="SparkOptions.ExecutorMemory"/> go to files in <see cref="SparkOptions.LocalDirectory"/>:
/// every kind of shuffle spills and answers as LINQ to Objects does, the bytes are reported per task and stage, and
/// no file is left behind by a job that ends, fails, is cancelled or cannot write, nor by a disposed session.
/// </summary>
public sealed class SpillTests : IDisposable
{
    private static readonly IReadOnlyList<Row> Rows = TestData.Rows;

    private readonly TempFolder _local = new();

    public static TheoryData<string> Shuffles => ["groupBy", "distinct", "join", "orderBy", "repartition", "except"];

    [Theory]
    [MemberData(nameof(Shuffles))]
    public void EveryShuffleKind_spillsItsBlocksAndAnswersAsLinq(string shuffle)
    {
        using var session = Spilling();
        var recorder = new EventRecorder();
        session.AddListener(recorder);
        var source = session.Parallelize(Rows, 4);

        var (actual, expected) = shuffle switch
        {
            "groupBy" => (Canonical(source.GroupBy(r => r.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }).ToList()),
                Canonical(Rows.GroupBy(r => r.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }))),
            "distinct" => (Canonical(source.Select(r => r.Name).Distinct().ToList()), Canonical(Rows.Select(r => r.Name).Distinct())),
            "join" => (Canonical(source.Join(session.Parallelize(TestData.Dims, 2), r => r.Key, d => d.Key, (r, d) => new { r.Id, d.Label }).ToList()),
                Canonical(Rows.Join(TestData.Dims, r => r.Key, d => d.Key, (r, d) => new { r.Id, d.Label }))),
            "orderBy" => (Ordered(source.OrderBy(r => r.B).ThenBy(r => r.Id).Select(r => r.Id).ToList()), Ordered(Rows.OrderBy(r => r.B).ThenBy(r => r.Id).Select(r => r.Id))),
            "repartition" => (Canonical(source.Repartition(5).Select(r => r.Id).ToList()), Canonical(Rows.Select(r => r.Id))),
            _ => (Canonical(source.Select(r => r.Key).Except(session.Parallelize(new[] { 1, 2, 3 }, 2)).ToList()), Canonical(Rows.Select(r => r.Key).Except([1, 2, 3]))),
        };

        Assert.Equal(expected, actual);
        var maps = session.CompletedJobs.SelectMany(j => j.Stages).Where(s => s.IsShuffleMap).ToList();
        Assert.NotEmpty(maps);
        Assert.All(maps, s => Assert.True(s.SpilledBytes > 0, $"stage {s.StageId} wrote {s.ShuffleWriteRows} rows and spilled nothing"));
        Assert.Equal(session.CompletedJobs.SelectMany(j => j.Stages).Sum(s => s.SpilledBytes), recorder.TaskEnds.Where(t => t.Error is null).Sum(t => t.SpilledBytes));
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public void EnoughMemory_keepsEveryBlockInMemory()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3, LocalDirectory = _local.Path });

        _ = session.Parallelize(Rows, 4).GroupBy(r => r.Key).Select(g => g.Count()).ToList();

        Assert.All(session.CompletedJobs.Single().Stages, s => Assert.Equal(0, s.SpilledBytes));
        Assert.False(Directory.Exists(session.Context.ShuffleBlocks.Directory));
    }

    [Fact]
    public void SomeMemory_keepsTheBlocksThatFitAndSpillsTheRest()
    {
        // The repartition writes 4 bytes a row (only the key is read after it): 4,000 bytes, of which blocks in memory
        // may take 3,000 (half the executor memory); the rest leaves the aggregations room for their maps.
        using var session = Spilling(memory: 6_000);

        var counts = session.Parallelize(Rows, 4).Repartition(3).GroupBy(r => r.Key).Select(g => new { g.Key, Count = g.Count() }).ToList();

        Assert.Equal(Canonical(Rows.GroupBy(r => r.Key).Select(g => new { g.Key, Count = g.Count() })), Canonical(counts));
        var repartition = session.CompletedJobs.Single().Stages.First(s => s.IsShuffleMap);
        Assert.InRange(repartition.SpilledBytes, 1, repartition.ShuffleWriteBytes - 1);
    }

    [Fact]
    public void FailingLambdaAfterTheSpill_failsTheJobAndLeavesNoFile()
    {
        using var session = Spilling();

        var error = Assert.Throws<SparkJobException>(() =>
            session.Parallelize(Rows, 4).GroupBy(r => r.Key).Select(g => 100 / (g.Key - TestData.SkewedKey)).ToList());

        Assert.IsType<DivideByZeroException>(error.InnerException);
        Assert.True(session.CompletedJobs.Single().Stages.Single(s => s.IsShuffleMap).SpilledBytes > 0);
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public async Task CancelledWhileSpilling_leavesNoFile()
    {
        using var session = Spilling();
        using var cancel = new CancellationTokenSource();
        var gate = new FirstRowGate(cancel.Token);

        // The map stage spills; the first reducer row waits until the test has seen the files and cancelled the job.
        var job = session.Parallelize(Rows, 4).GroupBy(r => r.Key).Select(g => gate.Pass(g.Key)).ToListAsync(cancel.Token);
        Assert.True(await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.NotEmpty(FilesIn(_local.Path));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public void DiskThatCannotBeWritten_failsTheJobNamingTheFileAndLeavesNothing()
    {
        using var session = Spilling();
        var writes = 0;
        session.Context.ShuffleBlocks.WriteFile = (path, rows, keys) =>
        {
            // The first block is written; the next finds the disk full half-way through its file.
            File.WriteAllBytes(path, Interlocked.Increment(ref writes) == 1 ? rows : rows[..(rows.Length / 2)]);
            if (writes > 1)
            {
                throw new IOException("No space left on device");
            }
        };

        var error = Assert.Throws<SparkJobException>(() => session.Parallelize(Rows, 4).GroupBy(r => r.Key).Select(g => g.Count()).ToList());

        var cause = Assert.IsType<IOException>(error.InnerException);
        Assert.Contains("Could not write shuffle block shuffle_", cause.Message, StringComparison.Ordinal);
        Assert.Contains(_local.Path, cause.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", cause.Message, StringComparison.Ordinal);
        Assert.Empty(FilesIn(_local.Path));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1L << 30)]
    public void RetriedMapTask_replacesTheBlocksItsFailedAttemptWrote(long? memory)
    {
        using var session = Spilling(memory, maxTaskFailures: 2, batchSize: 8);
        var trap = new FailOnceTrap(200);

        // Partition 0's first attempt writes blocks for rows 0..199, then fails; its retry writes the same blocks again.
        var counts = session.Parallelize(Rows, 4).Select(r => trap.Pass(r)).GroupBy(r => r.Key).Select(g => new { g.Key, Count = g.Count() }).ToList();

        Assert.Equal(1, trap.Failures);
        Assert.Equal(Canonical(Rows.GroupBy(r => r.Key).Select(g => new { g.Key, Count = g.Count() })), Canonical(counts));
        Assert.Equal(0, session.Context.ShuffleBlocks.BytesInMemory);
        Assert.Equal(0, session.Context.ShuffleBlocks.Count);
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public void DisposedSession_deletesItsFolder()
    {
        var session = Spilling();
        var folder = session.Context.ShuffleBlocks.Directory;
        _ = session.Parallelize(Rows, 4).GroupBy(r => r.Key).Select(g => g.Count()).ToList();
        Assert.True(Directory.Exists(folder));

        session.Dispose();

        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_local.Path));
    }

    [Fact]
    public void ExplainAnalyze_showsTheStagesSpill()
    {
        using var session = Spilling();

        var text = session.Parallelize(Rows, 4).GroupBy(r => r.Key).Select(g => g.Count()).ExplainAnalyze();

        Assert.Matches(@"spill \(disk\) [\d.,]+ (B|KiB|MiB)", text);
    }

    [Fact]
    public void NegativeExecutorMemory_isRefusedNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SparkSession.Create(new SparkOptions { ExecutorMemory = -1 }));

        Assert.Contains("SparkOptions.ExecutorMemory", error.Message, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => _local.Dispose();

    /// <summary>A session whose executor memory is <paramref name="memory"/> bytes, or (null) that spills everything it can (every block, and every operator past 512 bytes).</summary>
    private SparkSession Spilling(long? memory = null, int maxTaskFailures = 1, int batchSize = 64) =>
        SparkSession.Create(new SparkOptions
        {
            ExecutorThreads = 2, ShufflePartitions = 3, ExecutorMemory = memory ?? 0, ForceSpillBytes = memory is null ? SessionFixture.ForceSpillBytes : 0,
            LocalDirectory = _local.Path, InlineJobThresholdRows = -1, AutoBroadcastThresholdRows = -1, BatchSize = batchSize, MaxTaskFailures = maxTaskFailures,
        });

    private static List<string> FilesIn(string folder) => [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)];

    private static List<string> Canonical<T>(IEnumerable<T> rows) => [.. rows.Select(r => r?.ToString() ?? "null").Order(StringComparer.Ordinal)];

    private static List<string> Ordered<T>(IEnumerable<T> rows) => [.. rows.Select(r => r?.ToString() ?? "null")];
}
