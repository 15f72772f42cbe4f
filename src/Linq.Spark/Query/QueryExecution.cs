using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Diagnostics;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Operators;
using Linq.Spark.Execution.Scheduling;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Buffers;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Planning.Stages;
using Linq.Spark.Internal;
using Linq.Spark.Sources;

namespace Linq.Spark.Query;

/// <summary>Runs a planned query: the broadcast jobs it needs, then its main job, then the driver's final steps.</summary>
internal static class QueryExecution
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PhysicalPlan, Func<object?[], Func<object, object?>>> Finishers = [];
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PhysicalPlan, Func<object?[], Func<int>>> RowsNeeded = [];

    /// <summary>The rows of the query, in order when the plan defines an order.</summary>
    /// <param name="session">The session's runtime.</param>
    /// <param name="plan">The planned query.</param>
    /// <param name="values">Its parameter values.</param>
    /// <param name="synchronous">Whether the caller blocks until the result: a job over little data may then run on its thread.</param>
    /// <param name="token">Cancels the query's jobs.</param>
    /// <param name="metrics">Where the query's jobs count their operators' rows and stages' costs (ExplainAnalyze); when null, a set of the query's own if <see cref="SparkOptions.OperatorMetrics"/> is on, else none.</param>
    public static async Task<PartitionData> CollectAsync(SparkContext session, PhysicalPlan plan, object?[] values, bool synchronous, CancellationToken token, QueryMetrics? metrics = null)
    {
        var rows = await CollectLazilyAsync(session, plan, values, synchronous, token, metrics).ConfigureAwait(false);
        if (rows.Failure is { } failure)
        {
            Rethrow(failure);
        }

        return rows.Exact();
    }

    /// <summary>The result of an action: the collected rows finished on the driver with LINQ to Objects' operator.</summary>
    public static async Task<object?> ExecuteActionAsync(SparkContext session, PhysicalPlan plan, object?[] values, bool synchronous, CancellationToken token)
    {
        var rows = await CollectLazilyAsync(session, plan, values, synchronous, token).ConfigureAwait(false);
        var finisher = Finishers.GetValue(plan, p => CompileFinisher(p));
        try
        {
            // Rows followed by an error are read in order, the error raised only if the operator reads past them.
            return finisher(values)(rows.Failure is null ? rows.Exact().Rows : ReadLazily(rows));
        }
        catch (OperatorException e)
        {
            e.Rethrow();
            throw;
        }
    }

    private static void Rethrow(Exception failure)
    {
        if (failure is OperatorException operatorError)
        {
            operatorError.Rethrow();
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    private static object ReadLazily(PartitionData rows) =>
        typeof(PartitionData).GetMethod(nameof(PartitionData.ReadLazily))!.MakeGenericMethod(rows.Rows.GetType().GetElementType()!).Invoke(rows, null)!;

    /// <summary>The rows of the query; an error raised on the driver after some rows comes back with them, as <see cref="PartitionData.Failure"/>.</summary>
    private static async Task<PartitionData> CollectLazilyAsync(
        SparkContext session, PhysicalPlan plan, object?[] values, bool synchronous, CancellationToken token, QueryMetrics? metrics = null)
    {
        if (session.Options.RoundTripPlans)
        {
            (plan, values) = PlanShipping.RoundTrip(session, plan, values);
        }

        var sources = BindSources(plan, values);
        var onCaller = synchronous && session.Cluster is null && IsSmall(sources, session.Options.InlineJobThresholdRows);
        try
        {
            // One query's jobs (its broadcast inputs' and its own) count into one set of metrics.
            metrics ??= session.Options.OperatorMetrics ? new QueryMetrics(plan.Context.OperatorCount) : null;
            return await RunAsync(session, plan.Root, plan.ResultInput, plan, values, sources, onCaller, token, metrics).ConfigureAwait(false);
        }
        catch (OperatorException e)
        {
            e.Rethrow();
            throw;
        }
    }

    /// <summary>Whether the query's sources are all in memory and hold at most <paramref name="threshold"/> rows in all.</summary>
    private static bool IsSmall(object?[] sources, long threshold)
    {
        var rows = 0L;
        foreach (var source in sources)
        {
            if (source is IDataSource data && (data.ReadsFiles || (rows += data.RowCount) > threshold))
            {
                return false;
            }
        }

        return threshold >= 0;
    }

    private static async Task<PartitionData> RunAsync(
        SparkContext session, ExecNode root, ExecNode resultInput, PhysicalPlan plan, object?[] values, object?[] sources, bool onCaller, CancellationToken token, QueryMetrics? metrics)
    {
        session.ThrowIfStopped();
        var runtime = PlanRuntime.Of(plan);
        var jobPlan = StagePlanner.Plan(resultInput, cache => session.BlockManager.HasAll(CacheKey.Of((CacheExec)cache, values), cache.NumPartitions));
        var broadcasts = new List<(ExecNode Exchange, PartitionData Rows)>();
        foreach (var broadcast in jobPlan.Broadcasts)
        {
            var input = broadcast.Children[0];
            var rows = await RunAsync(session, input, input, plan, values, sources, onCaller, token, metrics).ConfigureAwait(false);
            metrics?.AddRows(broadcast.Id, rows.Count);
            broadcasts.Add((broadcast, rows));
        }

        var jobId = session.NextJobId();
        var blockTypes = new Lazy<Planning.Serialization.TypeAllowList>(() => PlanShipping.AllowList(session, plan));
        JobRun? created = null;
        using var job = new JobRun(
            jobId, runtime, session.BlockManager, new LocalShuffleService(session.ShuffleBlocks, blockTypes), values, sources, token, session.ShutdownToken,
            () =>
            {
                session.ShuffleBlocks.RemoveJob(jobId);
                if (created is not null)
                {
                    session.Cluster?.JobEnded(created);
                }
            })
        {
            Plan = plan,
            RunsOnCaller = onCaller,
            Metrics = metrics,
            Memory = session.Memory,
            Spills = new Execution.Blocks.SpillFiles(session.ShuffleBlocks, jobId, blockTypes),
            BlockTypes = blockTypes,
        };
        created = job;
        foreach (var (exchange, rows) in broadcasts)
        {
            job.SetBroadcastRows(exchange.Id, rows);
        }

        var description = ReferenceEquals(root, plan.Root) ? plan.Query.Description : "broadcast";
        // Last() needs each partition's last row only when the rows go straight to it; a driver-side final step
        // (Skip/Take, top-n) must see every row to know which one is last.
        var lastOnly = ReferenceEquals(root, plan.Root) && plan.Query.LastOnly && !root.FinishesOnDriver;
        var rowsNeeded = ReferenceEquals(root, plan.Root) && root.RowsNeeded is { } needed
            ? RowsNeeded.GetValue(plan, p => SlotBinder.Compile<Func<int>>(Expression.Lambda(needed), p.Context.Slots))(values)()
            : (int?)null;
        var describe = session.Listeners.Any ? () => (ExplainPrinter.StagePlans(runtime, jobPlan), ExplainPrinter.TextOf(plan)) : default(Func<(IReadOnlyList<StagePlan>, string)>);
        var partitions = await session.Scheduler.RunJobAsync(job, jobPlan, description, lastOnly, rowsNeeded, describe).ConfigureAwait(false);
        if (!root.FinishesOnDriver || !ReferenceEquals(root, plan.Root))
        {
            return PartitionConcat.Concat(resultInput.ElementType, partitions);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var driver = new TaskContext(job, -1, 0, 1);
        PartitionData result;
        try
        {
            result = runtime.Finisher(root).Finish(partitions, driver);
        }
        finally
        {
            driver.ReleaseMemory();
        }

        driver.KeepCounts();
        if (metrics is not null)
        {
            metrics.AddRows(root.Id, result.Count);
            metrics.AddDriverTime(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        return result;
    }

    internal static object?[] BindSources(PhysicalPlan plan, object?[] values)
    {
        var sources = new object?[values.Length];
        Visit(plan.Root);
        return sources;

        void Visit(ExecNode node)
        {
            if (node is ScanExec scan)
            {
                var index = plan.Context.IndexOf(scan.Slot);
                sources[index] ??= DataSources.From(values[index], scan.ElementType, plan.Context.Options.BatchSize);
            }

            foreach (var child in node.Children)
            {
                Visit(child);
            }
        }
    }

    private static Func<object?[], Func<object, object?>> CompileFinisher(PhysicalPlan plan)
    {
        var finisher = plan.Query.Finisher!;
        var rowType = finisher.Parameters[0].Type.GetGenericArguments()[0];
        var rows = Expression.Parameter(typeof(object), "rows");
        var segment = typeof(ArraySegment<>).MakeGenericType(rowType);

        // The collected rows are an array (the driver's LINQ operator sees exactly the result rows), or rows read lazily
        // with an error after them.
        var input = Expression.Condition(
            Expression.TypeIs(rows, rowType.MakeArrayType()),
            Expression.Convert(
                Expression.New(segment.GetConstructor([rowType.MakeArrayType()])!, Expression.Convert(rows, rowType.MakeArrayType())),
                finisher.Parameters[0].Type),
            Expression.Convert(rows, finisher.Parameters[0].Type));
        var body = Expression.Convert(Internal.ExpressionUtil.Inline(finisher, input), typeof(object));
        return SlotBinder.Compile<Func<object, object?>>(Expression.Lambda(body, rows), plan.Context.Slots);
    }
}
