using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Query;

namespace Linq.Spark;

/// <summary>
/// The IQueryProvider of a session: builds queries, and on an action funcletizes the expression, takes the plan for
/// its shape from the plan cache (or builds it) and runs it as a job on the session's executors.
/// </summary>
internal sealed class SparkQueryProvider(SparkSession session) : IQueryProvider
{
    public SparkSession Session { get; } = session;

    public PlanCache Plans { get; } = new(session.Options);

    public IQueryable CreateQuery(Expression expression)
    {
        var elementType = Internal.TypeUtil.FindElementType(expression.Type)
            ?? throw new ArgumentException($"Not a sequence expression: {expression}", nameof(expression));
        return (IQueryable)Activator.CreateInstance(typeof(SparkQueryable<>).MakeGenericType(elementType), this, expression)!;
    }

    public IQueryable<TElement> CreateQuery<TElement>(Expression expression) => new SparkQueryable<TElement>(this, expression);

    public object? Execute(Expression expression)
    {
        try
        {
            return InLinqOrderOnFailure(expression, (plan, values) => QueryExecution.ExecuteActionAsync(Session.Context, plan, values, synchronous: true, CancellationToken.None))
                .GetAwaiter().GetResult();
        }
        catch (Internal.OperatorException e)
        {
            e.Rethrow();
            throw;
        }
    }

    public TResult Execute<TResult>(Expression expression) => (TResult)Execute(expression)!;

    /// <summary>Runs a sequence query and returns its rows.</summary>
    public IEnumerable<T> ExecuteSequence<T>(Expression expression, CancellationToken token) =>
        CollectAsync<T>(expression, synchronous: true, token).GetAwaiter().GetResult();

    /// <summary>Runs a sequence query; <paramref name="synchronous"/> when the caller blocks on the result, so a small job may run on its thread.</summary>
    public async Task<T[]> CollectAsync<T>(Expression expression, bool synchronous, CancellationToken token)
    {
        var rows = await InLinqOrderOnFailure(expression, (plan, values) => QueryExecution.CollectAsync(Session.Context, plan, values, synchronous, token)).ConfigureAwait(false);
        return (T[])rows.Rows;
    }

    /// <summary>
    /// Runs the query's plan; when a task failed on a user lambda's error and the query has a set operation (Distinct,
    /// Union, Intersect, Except), runs it again with those operators reading their inputs in order, as LINQ's do, so
    /// that an action that stops early (<c>Distinct().Any()</c>, <c>Union(…).Contains(x)</c>) answers as LINQ does
    /// when LINQ never reaches that row, and otherwise fails with the error LINQ meets first. The hash-partitioned plan
    /// stays the one that runs while nothing fails.
    /// </summary>
    private async Task<TResult> InLinqOrderOnFailure<TResult>(Expression expression, Func<PhysicalPlan, object?[], Task<TResult>> run)
    {
        var (shape, parameters) = Extract(expression);
        var plan = Plans.GetOrCreate(shape, parameters);
        try
        {
            return await run(plan, parameters.Values).ConfigureAwait(false);
        }
        catch (SparkJobException e) when (e.InnerException is not (null or OperationCanceledException or SparkMemoryException)
            && SetOperations(plan.Root) is > 0 and var setOperations && InOrderPlan(shape, parameters, setOperations) is { } inOrder)
        {
            return await run(inOrder, parameters.Values).ConfigureAwait(false);
        }
    }

    /// <summary>The query planned with its set operations read in order, or null where none of the plan's <paramref name="setOperations"/> can be (or the query has no such form).</summary>
    private PhysicalPlan? InOrderPlan(Expression shape, Planning.Translation.QueryParameters parameters, int setOperations)
    {
        try
        {
            var inOrder = Plans.GetOrCreate(shape, parameters, setsInOrder: true);

            // A planner-made distinct (under a semi join) stays partitioned: running that plan again would fail alike.
            return SetOperations(inOrder.Root) < setOperations ? inOrder : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static int SetOperations(ExecNode node) =>
        (node is DistinctExec { Mode: AggregateMode.Final } or SetOperationExec ? 1 : 0) + node.Children.Sum(SetOperations);

    /// <summary>Runs a sequence query with every operator counting its rows, discards the rows, and prints the plan with what each operator and stage did.</summary>
    public async Task<string> AnalyzeAsync(Expression expression, bool synchronous, CancellationToken token)
    {
        var (plan, values) = Prepare(expression);
        var metrics = new Execution.QueryMetrics(plan.Context.OperatorCount);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = await QueryExecution.CollectAsync(Session.Context, plan, values, synchronous, token, metrics).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        return Diagnostics.ExplainPrinter.Describe(plan, metrics).Text
            + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Result: {rows.Count:N0} rows in {elapsed.TotalMilliseconds:N1} ms{Environment.NewLine}");
    }

    public async IAsyncEnumerable<T> StreamAsync<T>(Expression expression, [EnumeratorCancellation] CancellationToken token)
    {
        foreach (var row in await CollectAsync<T>(expression, synchronous: false, token).ConfigureAwait(false))
        {
            token.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    /// <summary>The physical plan the expression would run.</summary>
    public PhysicalPlan PlanFor(Expression expression) => Prepare(expression).Plan;

    private (PhysicalPlan Plan, object?[] Values) Prepare(Expression expression)
    {
        var (shape, parameters) = Extract(expression);
        return (Plans.GetOrCreate(shape, parameters), parameters.Values);
    }

    private (Expression Shape, Planning.Translation.QueryParameters Parameters) Extract(Expression expression)
    {
        Session.ThrowIfDisposed();
        return ParameterExtractor.Extract(expression);
    }
}
