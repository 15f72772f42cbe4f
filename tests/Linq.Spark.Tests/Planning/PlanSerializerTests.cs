using System.Linq.Expressions;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Planning.Serialization;
using Linq.Spark.Query;

namespace Linq.Spark.Tests;

/// <summary>
/// Plans and values in their binary form: what is written reads back to a plan that writes the same bytes and runs
/// to the same answers; a type outside the allow-list is refused where the plan is written and where it is read,
/// with the type named; values keep their shared references and lose nothing but what cannot leave a process.
/// </summary>
public sealed class PlanSerializerTests : IDisposable
{
    private static readonly IReadOnlyList<Row> Rows = TestData.Prefix(TestData.Rows, 200);

    private readonly SparkSession _session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });

    public static TheoryData<string> Queries => [.. QueryShapes.Keys];

    private static Dictionary<string, Func<IQueryable<Row>, IQueryable<object>>> QueryShapes { get; } = new()
    {
        ["narrow"] = q => q.Where(x => x.Key > 3 && x.Name != null).Select(x => (object)new { x.Id, Upper = x.Name!.ToUpperInvariant() }),
        ["aggregate"] = q => q.GroupBy(x => x.Kind).Select(g => (object)new { g.Key, S = g.Sum(x => x.A), M = g.Max(x => x.B), C = g.Count() }),
        ["join"] = q => q.Join(TestData.Dims, x => x.Key, d => d.Key, (x, d) => (object)(x.Id + d.Label)),
        ["sort and top-n"] = q => q.OrderBy(x => x.B).ThenByDescending(x => x.Name, StringComparer.OrdinalIgnoreCase).Take(7).Select(x => (object)x.Id),
        ["set operations"] = q => q.Select(x => x.Key).Union(q.Select(x => x.Id % 5)).Except(q.Select(x => 3)).Select(x => (object)x),
        ["sequential"] = q => q.Select(x => x.Id).Zip(q.Skip(1), (a, b) => (object)(a * b.Key)),
        ["materialized groups"] = q => q.GroupBy(x => x.N, x => x.Id, (k, ids) => (object)new { k, Ids = ids.ToList() }),
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Plan_writtenAndReadBack_writesTheSameBytes(string query)
    {
        var plan = PlanOf(QueryShapes[query](_session.Parallelize(Rows, 3)));
        var allow = PlanShipping.AllowList(_session.Context, plan);

        var bytes = PlanSerializer.WritePlan(plan.Root, plan.Context, allow);
        var (root, context) = PlanSerializer.ReadPlan(bytes, allow);

        Assert.Equal(bytes, PlanSerializer.WritePlan(root, context, allow));
        Assert.Equal(Describe(plan.Root), Describe(root));
    }

    [Fact]
    public void Plan_callingAFrameworkTypeOutsideTheList_isRefusedNamingIt()
    {
        var query = _session.Parallelize(Rows, 2).Select(x => Path.GetExtension(x.Name));
        var plan = PlanOf(query);

        var error = Assert.Throws<NotSupportedException>(() => PlanSerializer.WritePlan(plan.Root, plan.Context, PlanShipping.AllowList(_session.Context, plan)));

        Assert.Contains("System.IO.Path", error.Message);
    }

    [Fact]
    public void Plan_readWithAListThatLacksItsTypes_isRefusedNamingThem()
    {
        var plan = PlanOf(_session.Parallelize(Rows, 2).Where(x => x.Key > 2));
        var bytes = PlanSerializer.WritePlan(plan.Root, plan.Context, PlanShipping.AllowList(_session.Context, plan));

        var error = Assert.Throws<NotSupportedException>(() => PlanSerializer.ReadPlan(bytes, new TypeAllowList([])));

        Assert.Contains("Linq.Spark.Tests.Row", error.Message);
    }

    [Fact]
    public void Plan_usingALibraryThatIsNotRegistered_isRefusedUntilItIs()
    {
        var shipping = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, RoundTripPlans = true });
        try
        {
            var error = Assert.Throws<NotSupportedException>(() => shipping.Parallelize(Rows, 2).Count(x => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(x.Name ?? "?")));
            Assert.Contains("Microsoft.CodeAnalysis.CSharp.SyntaxFacts", error.Message);

            shipping.RegisterAssembly(typeof(Microsoft.CodeAnalysis.CSharp.SyntaxFacts).Assembly);

            Assert.Equal(Rows.Count(x => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(x.Name ?? "?")),
                shipping.Parallelize(Rows, 2).Count(x => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(x.Name ?? "?")));
        }
        finally
        {
            shipping.Dispose();
        }
    }

    [Fact]
    public void RegisterAssembly_ofTheRuntime_isRefused() =>
        Assert.Throws<ArgumentException>(() => _session.RegisterAssembly(typeof(Path).Assembly));

    [Fact]
    public void Values_sharedAndCyclicObjects_keepTheirShape()
    {
        var node = new Node { Label = "a" };
        node.Next = node;
        object?[] values = [node, node, new[] { 1, 2, 3 }, new List<string?> { "x", null }, new HashSet<int> { 4, 5 }, StringComparer.OrdinalIgnoreCase,
            EqualityComparer<int>.Default, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), -0.0, Kind.Gamma, (int?)null, 1.10m];
        var allow = new TypeAllowList([typeof(Node).Assembly]);

        var read = PlanSerializer.ReadValues(PlanSerializer.WriteValues(values, allow), allow);

        var first = Assert.IsType<Node>(read[0]);
        Assert.Same(first, read[1]);
        Assert.Same(first, first.Next);
        Assert.Equal("a", first.Label);
        Assert.Equal([1, 2, 3], Assert.IsType<int[]>(read[2]));
        Assert.Equal(["x", null], Assert.IsType<List<string?>>(read[3]));
        Assert.Equal([4, 5], Assert.IsType<HashSet<int>>(read[4]).Order());
        Assert.Same(StringComparer.OrdinalIgnoreCase, read[5]);
        Assert.Same(EqualityComparer<int>.Default, read[6]);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)read[7]!).Kind);
        Assert.True(double.IsNegative((double)read[8]!));
        Assert.Equal(Kind.Gamma, read[9]);
        Assert.Null(read[10]);
        Assert.Equal("1.10", ((decimal)read[11]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Values_aDelegate_isRefused()
    {
        Func<int, int> twice = x => x * 2;

        var error = Assert.Throws<NotSupportedException>(() => PlanSerializer.WriteValues([twice], new TypeAllowList([])));

        Assert.Contains("delegate", error.Message);
    }

    [Fact]
    public void Values_anObjectOfAnUnregisteredType_isRefusedNamingIt()
    {
        var error = Assert.Throws<NotSupportedException>(() => PlanSerializer.WriteValues([new Node()], new TypeAllowList([])));

        Assert.Contains(typeof(Node).FullName!, error.Message);
    }

    [Fact]
    public void Payload_notAPlan_isRefused() =>
        Assert.Throws<InvalidDataException>(() => PlanSerializer.ReadPlan([1, 2, 3, 4, 5], new TypeAllowList([])));

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private PhysicalPlan PlanOf<T>(IQueryable<T> query) => _session.Provider.PlanFor(query.Expression);

    private static string Describe(ExecNode node) =>
        $"#{node.Id} {node.Describe()} [{string.Join(", ", node.Children.Select(Describe))}]";

    /// <summary>An object graph with a cycle.</summary>
    public sealed class Node
    {
        /// <summary>A label.</summary>
        public string? Label { get; set; }

        /// <summary>The next node (itself, in the test).</summary>
        public Node? Next { get; set; }
    }

    [Fact]
    public void ShippedPlans_sameDistributedPlanDifferentFinalOperators_eachKeepItsOwn()
    {
        var rows = Enumerable.Range(0, 13).Select(i => new CsvReadTests.Named(i, null)).ToList();
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, RoundTripPlans = true });
        session.RegisterAssembly(typeof(CsvReadTests.Named).Assembly);
        var source = session.Parallelize(rows, 1);

        var last = source.Last();
        var aggregate = source.Aggregate(0L, (acc, x) => (acc * 31 + x.Id) % 1_000_003);

        Assert.Equal(rows[^1], last);
        Assert.Equal(rows.Aggregate(0L, (acc, x) => (acc * 31 + x.Id) % 1_000_003), aggregate);
    }
}
