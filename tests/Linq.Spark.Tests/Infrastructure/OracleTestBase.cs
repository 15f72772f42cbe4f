using System.Reflection;
using System.Text;
using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Base of the differential tests: runs a query on Linq.Spark and on LINQ to Objects and compares the answers.</summary>
/// <remarks>
/// Every assertion runs its query at the sizes 0, 1, 2, 15, 16 and 1000 (prefixes of the data given), over 1, 2, 3 and 8
/// partitions, in every <see cref="Modes"/> entry, and compares canonical forms (see <see cref="Canonical"/>): as
/// sequences where the Spark plan says its order is defined, as multisets otherwise. Where LINQ to Objects throws,
/// Linq.Spark must throw the same exception type; a <see cref="SparkJobException"/> wrapping it is accepted only when
/// the error came from inside a user lambda. All failing cases of one assertion are reported together.
/// </remarks>
public abstract class OracleTestBase : IClassFixture<SessionFixture>
{
    private const int MaxReportedFailures = 4;
    private const int StopAfterFailures = 12;

    private readonly SessionFixture _sessions;

    /// <summary>Takes the shared sessions and the test output.</summary>
    protected OracleTestBase(SessionFixture sessions, ITestOutputHelper output)
    {
        _sessions = sessions;
        Output = output;
    }

    /// <summary>The modes every case runs in; join-like tests add <see cref="ExecutionMode.NoAutoBroadcast"/>.</summary>
    protected virtual IReadOnlyList<ExecutionMode> Modes { get; } =
        [ExecutionMode.Vectorized, ExecutionMode.RowMode, ExecutionMode.ShippedPlan, ExecutionMode.SpilledShuffles];

    /// <summary>The test's output.</summary>
    protected ITestOutputHelper Output { get; }

    /// <summary>The shared sessions and sources of every mode.</summary>
    protected SessionFixture Sessions => _sessions;

    /// <summary>The session of <paramref name="mode"/>.</summary>
    protected SparkSession Session(ExecutionMode mode) => _sessions.Get(mode);

    /// <summary>Runs <paramref name="query"/> on both engines over prefixes of <paramref name="data"/> and compares the results.</summary>
    protected void AssertQuery<TSource, TResult>(IReadOnlyList<TSource> data, Func<IQueryable<TSource>, IQueryable<TResult>> query) =>
        AssertQueryCore(data, query, query, checkDefinedOrder: true, notSupportedOperator: null);

    /// <summary>Runs <paramref name="sparkQuery"/> on Linq.Spark and <paramref name="expectedQuery"/> on LINQ to Objects (for Spark-only operators).</summary>
    protected void AssertQuery<TSource, TResult>(
        IReadOnlyList<TSource> data,
        Func<IQueryable<TSource>, IQueryable<TResult>> sparkQuery,
        Func<IQueryable<TSource>, IQueryable<TResult>> expectedQuery) =>
        AssertQueryCore(data, sparkQuery, expectedQuery, checkDefinedOrder: false, notSupportedOperator: null);

    /// <summary>Like <see cref="AssertQuery{TSource, TResult}(IReadOnlyList{TSource}, Func{IQueryable{TSource}, IQueryable{TResult}})"/>, but a
    /// <see cref="NotSupportedException"/> naming <paramref name="operatorName"/> also passes.</summary>
    protected void AssertQueryOrNotSupported<TSource, TResult>(IReadOnlyList<TSource> data, Func<IQueryable<TSource>, IQueryable<TResult>> query, string operatorName) =>
        AssertQueryCore(data, query, query, checkDefinedOrder: true, notSupportedOperator: operatorName);

    /// <summary>Runs a query over two sources of the same session (the right one over other partition counts) on both engines.</summary>
    protected void AssertQuery<TLeft, TRight, TResult>(
        IReadOnlyList<TLeft> left,
        IReadOnlyList<TRight> right,
        Func<IQueryable<TLeft>, IQueryable<TRight>, IQueryable<TResult>> query)
    {
        var sizes = TestData.SizesFor(left.Count);
        RunCases(
            Describe(query(left.AsQueryable(), right.AsQueryable()).Expression),
            sizes.Count,
            i =>
            {
                var l = TestData.Prefix(left, sizes[i]);
                var r = TestData.Prefix(right, RightSize(i, right.Count));
                return (ExpectQuery(() => query(Streamed(l), Streamed(r))), (l, r));
            },
            (expected, slice, partitions, mode) =>
            {
                var session = Session(mode);
                return RunQueryCase(
                    () => query(session.Parallelize(slice.l, partitions), session.Parallelize(slice.r, RightPartitions(partitions))),
                    expected,
                    checkDefinedOrder: true,
                    notSupportedOperator: null);
            },
            i => $"sizes {sizes[i]} x {RightSize(i, right.Count)}");
    }

    /// <summary>Runs an action (Count, First, ToDictionary…) on both engines over prefixes of <paramref name="data"/> and compares the results.</summary>
    /// <param name="data">The data; prefixes of it are the sizes.</param>
    /// <param name="action">The action, applied to the source queryable.</param>
    /// <param name="unordered">Whether a collection result may come in any order (a ToList after a shuffle).</param>
    protected void AssertScalar<TSource, TScalar>(IReadOnlyList<TSource> data, Func<IQueryable<TSource>, TScalar> action, bool unordered = false) =>
        AssertScalarCore(data, action, action, unordered, notSupportedOperator: null);

    /// <summary>Waits for <paramref name="start"/> on a thread-pool thread, so that no synchronization context can deadlock the wait.</summary>
    protected static T RunAsync<T>(Func<Task<T>> start) => Task.Run(start).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="sparkAction"/> on Linq.Spark and <paramref name="expectedAction"/> on LINQ to Objects (for Spark-only actions such as ToListAsync).</summary>
    protected void AssertScalar<TSource, TScalar>(
        IReadOnlyList<TSource> data,
        Func<IQueryable<TSource>, TScalar> sparkAction,
        Func<IQueryable<TSource>, TScalar> expectedAction,
        bool unordered = false) =>
        AssertScalarCore(data, sparkAction, expectedAction, unordered, notSupportedOperator: null);

    /// <summary>Like <see cref="AssertScalar{TSource, TScalar}(IReadOnlyList{TSource}, Func{IQueryable{TSource}, TScalar}, bool)"/>, but a <see cref="NotSupportedException"/> naming <paramref name="operatorName"/> also passes.</summary>
    protected void AssertScalarOrNotSupported<TSource, TScalar>(IReadOnlyList<TSource> data, Func<IQueryable<TSource>, TScalar> action, string operatorName) =>
        AssertScalarCore(data, action, action, unordered: false, notSupportedOperator: operatorName);

    /// <summary>Runs one case of a generated query: null when Linq.Spark agrees with LINQ to Objects, else what differs.</summary>
    internal string? CheckQueryCase<TSource, TResult>(
        IReadOnlyList<TSource> data,
        Func<IQueryable<TSource>, IQueryable<TResult>> query,
        int partitions,
        ExecutionMode mode,
        bool checkDefinedOrder = true)
    {
        var expected = ExpectQuery(() => query(Streamed(data)));
        return RunQueryCase(() => query(_sessions.Source(mode, data, partitions)), expected, checkDefinedOrder, notSupportedOperator: null);
    }

    /// <summary>Runs one case of a generated action: null when Linq.Spark agrees with LINQ to Objects, else what differs.</summary>
    internal string? CheckScalarCase<TSource, TScalar>(IReadOnlyList<TSource> data, Func<IQueryable<TSource>, TScalar> action, int partitions, ExecutionMode mode)
    {
        var expected = ExpectScalar(() => action(Streamed(data)));
        return RunScalarCase(() => action(_sessions.Source(mode, data, partitions)), expected, unordered: false, notSupportedOperator: null);
    }

    /// <summary>Checks an exception thrown by Linq.Spark against the one LINQ to Objects threw; null when acceptable.</summary>
    internal static string? CheckException(Exception expected, Exception actual)
    {
        if (actual.GetType() == expected.GetType())
        {
            return null;
        }

        if (actual is SparkJobException { InnerException: { } inner } && inner.GetType() == expected.GetType())
        {
            return ExceptionOrigin.IsFromUserLambda(expected)
                ? null
                : $"LINQ to Objects threw {expected.GetType().Name} from the operator itself ({expected.Message}); Linq.Spark wrapped it in SparkJobException, which is allowed only for errors raised inside user lambdas";
        }

        return $"expected {expected.GetType().Name} ({expected.Message}) but Linq.Spark threw {DescribeException(actual)}";
    }

    /// <summary>Type, message, inner exception and the top of the stack, for failure messages.</summary>
    internal static string DescribeException(Exception ex)
    {
        var sb = new StringBuilder();
        sb.Append(ex.GetType().Name).Append(": ").Append(ex.Message);
        if (ex.InnerException is { } inner)
        {
            sb.Append(" ---> ").Append(inner.GetType().Name).Append(": ").Append(inner.Message);
        }

        var root = ex.InnerException ?? ex;
        var stack = (root.StackTrace ?? string.Empty).Split('\n').Take(6).Select(l => "\n      " + l.Trim());
        return sb.Append(string.Concat(stack)).ToString();
    }

    /// <summary>
    /// The data as LINQ to Objects' source: a sequence that is not a list, so that LINQ evaluates every operator row
    /// by row in order, as over any stream. Over a List, LINQ's shortcuts skip lambdas on rows an action does not
    /// return (Select(f).ElementAt(8) calls f once), which no partitioned engine can mirror and no LINQ contract promises.
    /// </summary>
    internal static IQueryable<T> Streamed<T>(IEnumerable<T> data) => new StreamedSequence<T>(data).AsQueryable();

    private sealed class StreamedSequence<T>(IEnumerable<T> data) : IEnumerable<T>
    {
        public IEnumerator<T> GetEnumerator()
        {
            foreach (var item in data)
            {
                yield return item;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static int RightPartitions(int partitions) => (partitions % 3) + 1;

    private static int RightSize(int index, int rightCount) =>
        index % 2 == 1 ? rightCount : Math.Min(rightCount, new[] { 2, 0, 1 }[index / 2 % 3]);

    private static string Describe(System.Linq.Expressions.Expression expression)
    {
        string text = expression.ToString();
        return text.Length > 600 ? text[..600] + "…" : text;
    }

    private void AssertQueryCore<TSource, TResult>(
        IReadOnlyList<TSource> data,
        Func<IQueryable<TSource>, IQueryable<TResult>> sparkQuery,
        Func<IQueryable<TSource>, IQueryable<TResult>> expectedQuery,
        bool checkDefinedOrder,
        string? notSupportedOperator)
    {
        var sizes = TestData.SizesFor(data.Count);
        RunCases(
            Describe(expectedQuery(data.AsQueryable()).Expression),
            sizes.Count,
            i =>
            {
                var slice = TestData.Prefix(data, sizes[i]);
                return (ExpectQuery(() => expectedQuery(Streamed(slice))), slice);
            },
            (expected, slice, partitions, mode) => RunQueryCase(() => sparkQuery(_sessions.Source(mode, slice, partitions)), expected, checkDefinedOrder, notSupportedOperator),
            i => $"size {sizes[i]}");
    }

    private void AssertScalarCore<TSource, TScalar>(
        IReadOnlyList<TSource> data,
        Func<IQueryable<TSource>, TScalar> sparkAction,
        Func<IQueryable<TSource>, TScalar> expectedAction,
        bool unordered,
        string? notSupportedOperator)
    {
        var sizes = TestData.SizesFor(data.Count);
        RunCases(
            "action over " + typeof(TSource).Name + " returning " + typeof(TScalar).Name,
            sizes.Count,
            i =>
            {
                var slice = TestData.Prefix(data, sizes[i]);
                return (ExpectScalar(() => expectedAction(Streamed(slice))), slice);
            },
            (expected, slice, partitions, mode) => RunScalarCase(() => sparkAction(_sessions.Source(mode, slice, partitions)), expected, unordered, notSupportedOperator),
            i => $"size {sizes[i]}");
    }

    private void RunCases<TSlice>(
        string description,
        int sizeCount,
        Func<int, (Expected Expected, TSlice Slice)> prepare,
        Func<Expected, TSlice, int, ExecutionMode, string?> runCase,
        Func<int, string> describeSize)
    {
        var failures = new List<string>();
        int cases = 0;
        int notSupported = 0;
        for (int i = 0; i < sizeCount && failures.Count < StopAfterFailures; i++)
        {
            var (expected, slice) = prepare(i);
            foreach (var mode in Modes)
            {
                foreach (int partitions in TestData.Partitions)
                {
                    cases++;
                    string? failure = runCase(expected, slice, partitions, mode);
                    if (failure == NotSupportedMarker)
                    {
                        notSupported++;
                    }
                    else if (failure is not null)
                    {
                        failures.Add($"[{describeSize(i)}, {partitions} partitions, {mode}] {failure}");
                    }
                }
            }
        }

        Output.WriteLine($"{cases} cases ({notSupported} not supported): {description}");
        OracleStatistics.Add(cases);
        if (failures.Count > 0)
        {
            string more = failures.Count >= StopAfterFailures ? "stopped after" : "in all";
            Assert.Fail($"{failures.Count} of {cases} cases failed ({more}) for\n  {description}\n"
                + string.Join("\n", failures.Take(MaxReportedFailures)));
        }
    }

    private const string NotSupportedMarker = "\u0000not supported";

    private static Expected ExpectQuery<TResult>(Func<IQueryable<TResult>> build)
    {
        try
        {
            var query = build();
            var items = Canonical.OfAll(query.ToList());
            return new Expected(items, null, null, ExpectedOrder.Of(query.Expression));
        }
        catch (Exception ex)
        {
            return new Expected(null, null, Unwrap(ex), ExpectedOrder.Ordering.Unknown);
        }
    }

    private static Expected ExpectScalar<TScalar>(Func<TScalar> run)
    {
        try
        {
            return new Expected(null, Canonical.Of(run()), null, ExpectedOrder.Ordering.Unknown);
        }
        catch (Exception ex)
        {
            return new Expected(null, null, Unwrap(ex), ExpectedOrder.Ordering.Unknown);
        }
    }

    private static Exception Unwrap(Exception ex) => ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;

    private static string? RunQueryCase<TResult>(Func<IQueryable<TResult>> build, Expected expected, bool checkDefinedOrder, string? notSupportedOperator)
    {
        IQueryable<TResult> query;
        List<CanonicalValue> actual;
        try
        {
            query = build();
            actual = Canonical.OfAll(query.ToList());
        }
        catch (Exception ex)
        {
            return Failed(expected, ex, notSupportedOperator);
        }

        if (expected.Error is not null)
        {
            return $"expected {expected.Error.GetType().Name} ({expected.Error.Message}) but Linq.Spark returned {actual.Count} items";
        }

        bool isOrdered;
        try
        {
            isOrdered = query.Plan().IsOrdered;
        }
        catch (Exception ex)
        {
            return $"Plan() threw {DescribeException(ex)}";
        }

        if (checkDefinedOrder && expected.Ordering == ExpectedOrder.Ordering.Ordered && !isOrdered)
        {
            string asMultiset = ResultComparer.Compare(expected.Items!, actual, ordered: false) is null ? "the multiset is right" : "the multiset is wrong too";
            return $"Plan().IsOrdered is false, but this query's order is defined (source order or OrderBy with no later shuffle); {asMultiset}";
        }

        return ResultComparer.Compare(expected.Items!, actual, isOrdered);
    }

    private static string? RunScalarCase<TScalar>(Func<TScalar> run, Expected expected, bool unordered, string? notSupportedOperator)
    {
        CanonicalValue actual;
        try
        {
            actual = Canonical.Of(run());
        }
        catch (Exception ex)
        {
            return Failed(expected, ex, notSupportedOperator);
        }

        if (expected.Error is not null)
        {
            return $"expected {expected.Error.GetType().Name} ({expected.Error.Message}) but Linq.Spark returned {actual}";
        }

        if (unordered && expected.Scalar!.Items is { } e && actual.Items is { } a)
        {
            return ResultComparer.Compare(e, a, ordered: false);
        }

        return ResultComparer.CompareValues(expected.Scalar!, actual);
    }

    private static string? Failed(Expected expected, Exception ex, string? notSupportedOperator)
    {
        if (notSupportedOperator is not null && ex is NotSupportedException && ex.Message.Contains(notSupportedOperator, StringComparison.Ordinal))
        {
            return NotSupportedMarker;
        }

        return expected.Error is null
            ? $"LINQ to Objects succeeded but Linq.Spark threw {DescribeException(ex)}"
            : CheckException(expected.Error, ex);
    }

    private sealed record Expected(IReadOnlyList<CanonicalValue>? Items, CanonicalValue? Scalar, Exception? Error, ExpectedOrder.Ordering Ordering);
}
