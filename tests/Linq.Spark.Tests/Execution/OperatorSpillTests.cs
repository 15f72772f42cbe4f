using System.Text.RegularExpressions;

namespace Linq.Spark.Tests;

/// <summary>
/// Operators that buffer reserve execution memory and spill when refused: sorts write sorted runs, aggregations,
/// GroupBy, Distinct and set operations write hash buckets and finish bucket by bucket. Each answers as LINQ to Objects
/// does, reports its spill and peak memory, stays within the executor memory, fails with a clear error when even a
/// bucket cannot fit, and leaves no file behind however the job ends.
/// </summary>
public sealed class OperatorSpillTests : IDisposable
{
    private const int Size = 40_000;

    private static readonly (int Id, int Key, string Name)[] Data =
        [.. Enumerable.Range(0, Size).Select(i => (i, (int)((i * 2654435761L) % 15_000), $"n{i % 20_011}"))];

    private static readonly KeyName[] Names = [.. Data.Where(d => d.Id % 2 == 0).Select(d => new KeyName(d.Key, d.Name))];

    private readonly TempFolder _local = new();

    public static TheoryData<string> Operators => ["aggregate", "groupBy", "distinct", "intersect", "except", "orderBy", "join", "leftJoin"];

    [Theory]
    [MemberData(nameof(Operators))]
    public void SmallExecutorMemory_spillsTheOperatorAndAnswersAsLinq(string op)
    {
        const long memory = 256 * 1024;
        using var session = Session(memory);
        var recorder = new EventRecorder();
        session.AddListener(recorder);
        var source = session.Parallelize(Data, 4);
        var other = session.Parallelize(Data.Where(d => d.Id % 3 == 0).Select(d => d.Name).ToArray(), 3);
        var names = session.Parallelize(Names, 3);

        var (actual, expected) = op switch
        {
            "aggregate" => (Canonical(source.GroupBy(d => d.Key).Select(g => new { g.Key, Sum = g.Sum(x => (long)x.Id), Count = g.Count() }).ToList()),
                Canonical(Data.GroupBy(d => d.Key).Select(g => new { g.Key, Sum = g.Sum(x => (long)x.Id), Count = g.Count() }))),
            "groupBy" => (Canonical(source.GroupBy(d => d.Key, d => d.Id).Select(g => new { g.Key, Ids = string.Join(",", g) }).ToList()),
                Canonical(Data.GroupBy(d => d.Key, d => d.Id).Select(g => new { g.Key, Ids = string.Join(",", g) }))),
            "distinct" => (Canonical(source.Select(d => d.Name).Distinct().ToList()), Canonical(Data.Select(d => d.Name).Distinct())),
            "intersect" => (Canonical(source.Select(d => d.Name).Intersect(other).ToList()),
                Canonical(Data.Select(d => d.Name).Intersect(Data.Where(d => d.Id % 3 == 0).Select(d => d.Name)))),
            "except" => (Canonical(source.Select(d => d.Name).Except(other).ToList()),
                Canonical(Data.Select(d => d.Name).Except(Data.Where(d => d.Id % 3 == 0).Select(d => d.Name)))),
            "join" => (Canonical(source.Join(names, d => d.Key, n => n.Key, (d, n) => new { d.Id, n.Name }).ToList()),
                Canonical(Data.Join(Names, d => d.Key, n => n.Key, (d, n) => new { d.Id, n.Name }))),
            "leftJoin" => (Canonical(source.LeftJoin(names.Where(n => n.Key % 3 == 0), d => d.Key, n => n.Key, (d, n) => new { d.Id, Name = n == null ? "-" : n.Name }).ToList()),
                Canonical(Data.LeftJoin(Names.Where(n => n.Key % 3 == 0), d => d.Key, n => n.Key, (d, n) => new { d.Id, Name = n == null ? "-" : n.Name }))),
            _ => (Ordered(source.OrderBy(d => d.Key).Select(d => d.Id).ToList()), Ordered(Data.OrderBy(d => d.Key).Select(d => d.Id))),
        };

        Assert.Equal(expected, actual);
        var stages = session.CompletedJobs.SelectMany(j => j.Stages).ToList();
        var buffering = op == "orderBy" ? stages.Where(s => s.IsShuffleMap && s.ShuffleWriteRows == Size) : stages.Where(s => !s.IsShuffleMap);
        Assert.Contains(buffering, s => s.SpilledBytes > 0 && s.PeakExecutionMemory > 0);
        Assert.All(stages, s => Assert.InRange(s.PeakExecutionMemory, 0, memory));
        Assert.Equal(stages.Sum(s => s.SpilledBytes), recorder.TaskEnds.Where(t => t.Error is null).Sum(t => t.SpilledBytes));
        Assert.Equal(stages.Max(s => s.PeakExecutionMemory), recorder.TaskEnds.Where(t => t.Error is null).Max(t => t.PeakExecutionMemory));
        Assert.Equal(0, session.Context.Memory.ExecutionUsed);
        Assert.Equal(0, session.Context.Memory.StorageUsed);
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public void ExplainAnalyze_timesTheOperatorsThatAreNotFused()
    {
        using var session = Session();

        // 60 rows whose group key takes 2 ms each: the GroupBy's own time; the filter is fused into the scan's kernel.
        var text = session.Parallelize(Data.Take(60).ToArray(), 2).Where(d => d.Id >= 0).GroupBy(d => Probes.Slow(d.Key % 5, 2), d => d.Id)
            .Select(g => new { g.Key, Ids = string.Join(",", g) }).ExplainAnalyze();

        var groupBy = Regex.Match(text, @"GroupBy\(key=\[[^\]]*\]\)\s+\[rows 5, time ([\d.,]+) ms");
        Assert.True(groupBy.Success, text);
        Assert.InRange(double.Parse(groupBy.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 100, 60_000);
        Assert.True(Regex.IsMatch(text, @"Filter \(d\.Item1 >= 0\)\s+\[rows 60\]"), text);
    }

    [Fact]
    public void PartialAggregation_emitsItsStatesEarlyPastItsMemory()
    {
        using var session = Session(memory: 256 * 1024);

        var query = session.Parallelize(Data, 2).GroupBy(d => d.Key).Select(g => new { g.Key, Sum = g.Sum(x => (long)x.Id) });
        var text = query.ExplainAnalyze();

        var partial = Regex.Match(text, @"HashAggregate\(keys=\[[^\]]*\], functions=\[partial_sum[^\]]*\]\)\s+\[rows ([\d,]+), time [\d.,]+ ms, peak memory [\d.,]+ KiB, spill [\d.,]+ (KiB|MiB)\]");
        Assert.True(partial.Success, text);

        // Each map task's 20,000 rows hold about 13,000 keys; emitted early, some keys leave a task more than once.
        Assert.True(long.Parse(partial.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) > 2 * 13_000, text);
        Assert.Equal(Canonical(Data.GroupBy(d => d.Key).Select(g => new { g.Key, Sum = g.Sum(x => (long)x.Id) })), Canonical(query.ToList()));
    }

    [Fact]
    public void ShuffleWriteBuffers_handOnSmallerBlocksWithinTheTasksShare()
    {
        // Eight reducers' buffers of 1,024 rows of 16 bytes would take 128 KiB a task, twice the executor memory.
        using var session = Session(memory: 64 * 1024);

        var ids = session.Parallelize(Data, 2).Repartition(8).Select(d => d.Id).ToList();

        Assert.Equal(Data.Select(d => d.Id).Order(), ids.Order());
        var map = session.CompletedJobs.Single().Stages.Single(s => s.IsShuffleMap);
        Assert.Equal(Size, map.ShuffleWriteRows);
        Assert.InRange(map.PeakExecutionMemory, 1, 64 * 1024);
        Assert.Equal(0, session.Context.Memory.ExecutionUsed);
    }

    [Fact]
    public void TopN_holdsAtMostTwiceItsRows_andFailsNamingTheNumbersWhenTheyDoNotFit()
    {
        using var session = Session(memory: 64 * 1024);
        var shuffled = session.Parallelize(Data, 2).Repartition(2);

        var top = shuffled.OrderBy(d => d.Name).ThenBy(d => d.Id).Take(100).Select(d => d.Id).ToList();

        Assert.Equal(Data.OrderBy(d => d.Name).ThenBy(d => d.Id).Take(100).Select(d => d.Id), top);
        Assert.All(session.CompletedJobs.SelectMany(j => j.Stages), s => Assert.InRange(s.PeakExecutionMemory, 0, 64 * 1024));

        // 20,000 rows are the operator's output: they cannot fit in a task's share of 64 KiB.
        var error = Assert.Throws<SparkJobException>(() => shuffled.OrderBy(d => d.Name).Take(20_000).ToList());
        var cause = Assert.IsType<SparkMemoryException>(error.InnerException);
        Assert.StartsWith("PartialTopN(limit=20000", cause.OperatorName, StringComparison.Ordinal);
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public void SortThatDoesNotFit_writesSeveralSortedRunsPerMapTaskAndMergesThemStably()
    {
        using var session = Session(forceSpill: true);
        var written = new List<string>();
        var write = session.Context.ShuffleBlocks.WriteFile;
        session.Context.ShuffleBlocks.WriteFile = (path, rows, keys) =>
        {
            lock (written)
            {
                written.Add(Path.GetFileName(path));
            }

            write(path, rows, keys);
        };
        var data = Data.Take(3_000).ToArray();

        // Keys with many ties: equal keys must come out in input order across runs and map tasks.
        var sorted = session.Parallelize(data, 2).OrderBy(d => d.Key % 7).Select(d => d.Id).ToList();

        Assert.Equal(data.OrderBy(d => d.Key % 7).Select(d => d.Id), sorted);
        Assert.Contains(written, name => Regex.IsMatch(name, @"-reduce-0-[1-9]\d*\.arrow$"));
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public void GroupLargerThanMemory_failsNamingTheOperatorAndTheNumbers()
    {
        using var session = Session(memory: 4_000);

        var error = Assert.Throws<SparkJobException>(() => session.Parallelize(Data, 2).GroupBy(d => d.Id % 2, d => d.Name).Select(g => string.Join(",", g)).ToList());

        var cause = Assert.IsType<SparkMemoryException>(error.InnerException);
        Assert.Contains("GroupBy(key=[", cause.Message, StringComparison.Ordinal);
        Assert.Matches(@"needs [\d,]+ more bytes of execution memory", cause.Message);
        Assert.Contains("of the executor memory's 4,000 bytes", cause.Message, StringComparison.Ordinal);
        Assert.Contains("SparkOptions.ExecutorMemory", cause.Message, StringComparison.Ordinal);
        Assert.StartsWith("GroupBy", cause.OperatorName, StringComparison.Ordinal);
        Assert.Equal(4_000, cause.ExecutorMemoryBytes);
        Assert.True(cause.RequestedBytes > cause.TaskShareBytes);
        Assert.Equal(0, session.Context.Memory.ExecutionUsed);
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public void FailingLambdaAfterAnOperatorSpilled_failsTheJobAndLeavesNoFile()
    {
        using var session = Session(forceSpill: true);

        var recorder = new EventRecorder();
        session.AddListener(recorder);

        var error = Assert.Throws<SparkJobException>(() =>
            session.Parallelize(Data, 4).Select(d => d.Name).Distinct().Select(n => n == "n19999" ? 1 / (n.Length - 6) : 1).ToList());

        Assert.IsType<DivideByZeroException>(error.InnerException);
        Assert.Contains(recorder.TaskEnds, t => t.Error is not null && t.SpilledBytes > 0);
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public async Task CancelledWhileAnOperatorSpills_leavesNoFile()
    {
        using var session = Session(forceSpill: true);
        using var cancel = new CancellationTokenSource();
        var gate = new FirstRowGate(cancel.Token);

        // The GroupBy's result rows come once it has spilled its groups and read them back; the first waits for the cancellation.
        var job = session.Parallelize(Data, 4).GroupBy(d => d.Key, d => d.Id).Select(g => gate.Pass(g.Key)).ToListAsync(cancel.Token);
        Assert.True(await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30)));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);
        Assert.Contains(session.CompletedJobs.Single().Stages, s => s.IsShuffleMap && s.SpilledBytes > 0);
        Assert.Empty(FilesIn(_local.Path));
        Assert.Equal(0, session.Context.Memory.ExecutionUsed);
    }

    [Fact]
    public void DiskFullWhileAnOperatorSpills_failsNamingTheOperatorAndTheFileAndLeavesNothing()
    {
        using var session = Session(memory: 64 * 1024);
        var opened = 0;
        session.Context.ShuffleBlocks.OpenSpillFile = path =>
        {
            // The first spill file is written; the next finds the disk full.
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            return Interlocked.Increment(ref opened) == 1 ? file : new FullDisk(file);
        };

        var error = Assert.Throws<SparkJobException>(() => session.Parallelize(Data, 2).GroupBy(d => d.Key, d => d.Id).Select(g => string.Join(",", g)).ToList());

        var cause = Assert.IsType<IOException>(error.InnerException);
        Assert.Contains("GroupBy(key=[", cause.Message, StringComparison.Ordinal);
        Assert.Contains("could not write", cause.Message, StringComparison.Ordinal);
        Assert.Contains(_local.Path, cause.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", cause.Message, StringComparison.Ordinal);
        Assert.Empty(FilesIn(_local.Path));
    }

    [Fact]
    public void ExplainAnalyze_showsEachOperatorsPeakMemoryAndSpill()
    {
        using var session = Session(memory: 256 * 1024);

        var text = session.Parallelize(Data, 4).GroupBy(d => d.Key, d => d.Id).Select(g => new { g.Key, Ids = string.Join(",", g) }).ExplainAnalyze();

        Assert.True(Regex.IsMatch(text, @"GroupBy\(key=\[[^\]]*\]\)\s+\[rows 15,000, time [\d.,]+ ms, peak memory [\d.,]+ (KiB|MiB), spill [\d.,]+ (KiB|MiB)\]"), text);
        Assert.True(Regex.IsMatch(text, @"Exchange hashpartitioning\(.*\)\s+\[rows 40,000, peak memory [\d.,]+ (B|KiB|MiB), spill [\d.,]+ (KiB|MiB)\]"), text);
        Assert.True(Regex.IsMatch(text, @"peak memory [\d.,]+ (B|KiB|MiB), spill \(disk\) [\d.,]+ (KiB|MiB)"), text);
    }

    [Fact]
    public void TwoTasks_shareTheExecutionMemoryFairly()
    {
        var memory = new Linq.Spark.Execution.Memory.MemoryManager(1_000);
        var a = new Linq.Spark.Execution.Memory.TaskMemory(memory, "task a");
        var b = new Linq.Spark.Execution.Memory.TaskMemory(memory, "task b");
        var ra = a.Reserve(1, "A");
        var rb = b.Reserve(2, "B");

        // Alone, a task may take everything (and is given a quarter more than it asked, for its next rows).
        Assert.True(ra.TryGrowTo(800));
        Assert.Equal(1_000, ra.Size);
        Assert.False(rb.TryGrowTo(100));
        a.ReleaseAll();
        Assert.True(rb.TryGrowTo(400));
        Assert.Equal(500, rb.Size);

        // Two tasks: each may hold half.
        Assert.True(ra.TryGrowTo(400));
        Assert.Equal(500, ra.Size);
        Assert.False(ra.TryGrowTo(600));
        Assert.Equal(1_000, memory.ExecutionUsed);
        Assert.Equal(500, b.Peak);
        Assert.Equal(500, b.OperatorPeaks[2]);
    }

    [Fact]
    public void StorageTakesAtMostHalf_andOnlyWhatExecutionLeaves()
    {
        var memory = new Linq.Spark.Execution.Memory.MemoryManager(1_000);
        var task = new Linq.Spark.Execution.Memory.TaskMemory(memory, "task");

        Assert.False(memory.TryAcquireStorage(501));
        Assert.True(task.Reserve(1, "A").TryGrowTo(560));
        Assert.False(memory.TryAcquireStorage(400));
        Assert.True(memory.TryAcquireStorage(300));
        task.ReleaseAll();
        Assert.Equal(0, memory.ExecutionUsed);
        Assert.Equal(0, memory.ActiveTasks);
    }

    /// <inheritdoc />
    public void Dispose() => _local.Dispose();

    private SparkSession Session(long memory = 0, bool forceSpill = false) =>
        SparkSession.Create(new SparkOptions
        {
            ExecutorThreads = 2, ShufflePartitions = 3, ExecutorMemory = memory, ForceSpillBytes = forceSpill ? SessionFixture.ForceSpillBytes : 0,
            LocalDirectory = _local.Path, InlineJobThresholdRows = -1, AutoBroadcastThresholdRows = -1, BatchSize = 1_024,
        });

    private static List<string> FilesIn(string folder) => [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)];

    private static List<string> Canonical<T>(IEnumerable<T> rows) => [.. rows.Select(r => r?.ToString() ?? "null").Order(StringComparer.Ordinal)];

    private static List<string> Ordered<T>(IEnumerable<T> rows) => [.. rows.Select(r => r?.ToString() ?? "null")];

    /// <summary>A build-side row of the join cases.</summary>
    public sealed record KeyName(int Key, string Name);

    /// <summary>A file whose disk is full: every write fails.</summary>
    private sealed class FullDisk(FileStream file) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => file.Length;

        public override long Position { get => file.Position; set => file.Position = value; }

        public override void Flush() => file.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("No space left on device");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
