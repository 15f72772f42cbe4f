using CsCheck;

namespace Linq.Spark.Tests;

/// <summary>CsCheck generators for random rows and random query chains over them.</summary>
/// <remarks>
/// Rows come from small domains so that keys repeat, one key is skewed, names and N are often null, and doubles are
/// multiples of 0.25 (exact sums). Chains mix narrow operators, sorts, order-dependent operators (which the
/// <see cref="GeneratedQuery"/> guards with a total sort where the order is not defined), shuffles and joins.
/// </remarks>
public static class QueryGenerators
{
    private static readonly string?[] Names = [null, null, "alpha", "ALPHA", "beta", "", "gamma", "delta", "ärlig", "zeta", "içi", "IŞIK", "öl"];

    /// <summary>The cultures generated queries run under: string order, casing and number text differ between them.</summary>
    public static readonly string[] Cultures = ["", "sv-SE", "tr-TR", "de-DE"];

    /// <summary>One row.</summary>
    public static Gen<Row> Row { get; } =
        Gen.Select(
            Gen.Int[0, 40],
            Gen.Frequency((3, (IGen<int>)Gen.Const(TestData.SkewedKey)), (5, Gen.Int[0, 12])),
            Gen.Long[-50, 50],
            Gen.Int[-20, 20],
            Gen.OneOf(Names),
            Gen.Int[0, 30],
            Gen.Enum<Kind>(),
            Gen.Int[-3, 3].Nullable(0.3))
        .Select(t => new Row(t.Item1, t.Item2, t.Item3, t.Item4 * 0.25, t.Item5, new DateOnly(2024, 1, 1).AddDays(t.Item6), t.Item7, t.Item8));

    /// <summary>A list of 0 to 60 rows.</summary>
    public static Gen<List<Row>> Rows { get; } = Row.List[0, 60];

    /// <summary>One operator of a Row-to-Row chain.</summary>
    public static Gen<QueryStep> Step { get; } = Gen.Frequency(
        (6, (IGen<QueryStep>)Where()),
        (3, Select()),
        (2, SelectMany()),
        (3, Sort()),
        (3, Slice()),
        (2, Distinct()),
        (2, SetOperation()),
        (2, Concat()),
        (2, GroupByToRows()),
        (2, Join()),
        (1, Misc()),
        (2, ObjectInitializer()),
        (2, CapturedValues()),
        (2, Checked()),
        (1, Zip()),
        (1, Throwing()));

    /// <summary>The end of a chain.</summary>
    public static Gen<QueryTerminal> Terminal { get; } = Gen.Frequency(
        (4, (IGen<QueryTerminal>)QueryTerminals()),
        (3, ScalarTerminals()));

    /// <summary>A whole case: rows, 0 to 5 operators, a terminal, a partition count, a mode and the caller's culture.</summary>
    public static Gen<GeneratedQuery> Query { get; } =
        Gen.Select(Rows, Step.Array[0, 5], Terminal, Gen.OneOf(TestData.Partitions), Gen.Enum<ExecutionMode>(), Gen.OneOf(Cultures))
            .Select(t => new GeneratedQuery(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6));

    private static QueryStep Keep(string text, Func<IQueryable<Row>, IQueryable<Row>> apply) =>
        new(text, (q, _) => apply(q), QueryStep.OrderEffect.Keep);

    private static QueryStep Shuffle(string text, Func<IQueryable<Row>, IQueryable<Row>> apply, bool needsOrder = false) =>
        new(text, (q, _) => apply(q), QueryStep.OrderEffect.Destroy, needsOrder);

    private static QueryStep NeedsOrder(string text, Func<IQueryable<Row>, IQueryable<Row>> apply) =>
        new(text, (q, _) => apply(q), QueryStep.OrderEffect.Keep, NeedsOrder: true);

    private static Gen<QueryStep> Where() => Gen.Select(Gen.Int[0, 7], Gen.Int[-3, 12], (which, c) => which switch
    {
        0 => Keep($"Where(x => x.Key > {c})", q => q.Where(x => x.Key > c)),
        1 => Keep($"Where(x => x.B >= {c * 0.25})", q => q.Where(x => x.B >= c * 0.25)),
        2 => Keep($"Where(x => x.Name != null && x.Name.Length > {c % 4})", q => q.Where(x => x.Name != null && x.Name.Length > c % 4)),
        3 => Keep($"Where(x => x.N == null || x.N < {c % 4})", q => q.Where(x => x.N == null || x.N < c % 4)),
        4 => Keep($"Where(x => x.Kind != (Kind){c & 3})", q => q.Where(x => x.Kind != (Kind)(c & 3))),
        5 => Keep($"Where(x => x.Id % 3 != {c % 3})", q => q.Where(x => x.Id % 3 != c % 3)),
        6 => Keep($"Where(x => x.A * 2 < {c * 10} || x.D.Day > 20)", q => q.Where(x => x.A * 2 < c * 10 || x.D.Day > 20)),
        _ => NeedsOrder($"Where((x, i) => i % 2 == {c & 1})", q => q.Where((x, i) => i % 2 == (c & 1))),
    });

    private static Gen<QueryStep> Select() => Gen.Select(Gen.Int[0, 3], Gen.Int[1, 5], (which, m) => which switch
    {
        0 => Keep($"Select(x => x with {{ Key = x.Key % {m}, A = x.A + {m} }})", q => q.Select(x => new Row(x.Id, x.Key % m, x.A + m, x.B, x.Name, x.D, x.Kind, x.N))),
        1 => Keep("Select(x => x with { B = x.B * 2, Name = x.Name?.ToUpperInvariant() })", q => q.Select(x => new Row(x.Id, x.Key, x.A, x.B * 2, x.Name == null ? null : x.Name.ToUpperInvariant(), x.D, x.Kind, x.N))),
        2 => Keep($"Select(x => x with {{ N = x.N * {m}, D = x.D.AddDays({m}) }})", q => q.Select(x => new Row(x.Id, x.Key, x.A, x.B, x.Name, x.D.AddDays(m), x.Kind, x.N * m))),
        _ => NeedsOrder($"Select((x, i) => x with {{ Id = i * {m} }})", q => q.Select((x, i) => new Row(i * m, x.Key, x.A, x.B, x.Name, x.D, x.Kind, x.N))),
    });

    private static Gen<QueryStep> SelectMany() => Gen.Int[0, 2].Select(which => which switch
    {
        0 => Keep("SelectMany(x => new[] { x, x with { Id = x.Id + 100, Key = x.Key + 1, N = null } })", q => q.SelectMany(x => new[] { x, new Row(x.Id + 100, x.Key + 1, x.A, x.B, x.Name, x.D, x.Kind, null) })),
        1 => Keep("SelectMany(x => Enumerable.Range(0, x.Id % 3).Select(i => x with { Id = x.Id * 3 + i }))", q => q.SelectMany(x => Enumerable.Range(0, x.Id % 3).Select(i => new Row(x.Id * 3 + i, x.Key, x.A, x.B, x.Name, x.D, x.Kind, x.N)))),
        _ => Keep("SelectMany(x => new[] { 1, 2 }, (x, k) => x with { A = x.A * k })", q => q.SelectMany(x => new[] { 1, 2 }, (x, k) => new Row(x.Id, x.Key, x.A * k, x.B, x.Name, x.D, x.Kind, x.N))),
    });

    private static Gen<QueryStep> Sort() => Gen.Select(Gen.Int[0, 6], Gen.Bool, Gen.Int[0, 3], (key, descending, then) =>
    {
        string text = $"{(descending ? "OrderByDescending" : "OrderBy")}({SortKeyText(key)}){ThenText(then)}";
        return new QueryStep(
            text + " (+ all members if the input is unordered)",
            (q, inputOrdered) =>
            {
                var sorted = ApplyThen(ApplySortKey(q, key, descending), then);
                return inputOrdered ? sorted : QueryStep.ThenByAll(sorted);
            },
            QueryStep.OrderEffect.Define);
    });

    private static string SortKeyText(int key) => key switch
    {
        0 => "x => x.Key",
        1 => "x => x.Name",
        2 => "x => x.B",
        3 => "x => x.D",
        4 => "x => x.N",
        5 => "x => x.Kind",
        _ => "x => x.A",
    };

    private static IOrderedQueryable<Row> ApplySortKey(IQueryable<Row> q, int key, bool descending) => (key, descending) switch
    {
        (0, false) => q.OrderBy(x => x.Key),
        (0, true) => q.OrderByDescending(x => x.Key),
        (1, false) => q.OrderBy(x => x.Name),
        (1, true) => q.OrderByDescending(x => x.Name),
        (2, false) => q.OrderBy(x => x.B),
        (2, true) => q.OrderByDescending(x => x.B),
        (3, false) => q.OrderBy(x => x.D),
        (3, true) => q.OrderByDescending(x => x.D),
        (4, false) => q.OrderBy(x => x.N),
        (4, true) => q.OrderByDescending(x => x.N),
        (5, false) => q.OrderBy(x => x.Kind),
        (5, true) => q.OrderByDescending(x => x.Kind),
        (_, false) => q.OrderBy(x => x.A),
        (_, true) => q.OrderByDescending(x => x.A),
    };

    private static string ThenText(int then) => then switch
    {
        0 => string.Empty,
        1 => ".ThenBy(x => x.A)",
        2 => ".ThenByDescending(x => x.Name)",
        _ => ".ThenBy(x => x.N)",
    };

    private static IOrderedQueryable<Row> ApplyThen(IOrderedQueryable<Row> q, int then) => then switch
    {
        0 => q,
        1 => q.ThenBy(x => x.A),
        2 => q.ThenByDescending(x => x.Name),
        _ => q.ThenBy(x => x.N),
    };

    private static Gen<QueryStep> Slice() => Gen.Select(Gen.Int[0, 5], Gen.Int[0, 25], (which, n) => which switch
    {
        0 => NeedsOrder($"Take({n})", q => q.Take(n)),
        1 => NeedsOrder($"Skip({n})", q => q.Skip(n)),
        2 => NeedsOrder($"TakeWhile(x => x.Key != {n % 13})", q => q.TakeWhile(x => x.Key != n % 13)),
        3 => NeedsOrder($"SkipWhile(x => x.B < {(n - 12) * 0.25})", q => q.SkipWhile(x => x.B < (n - 12) * 0.25)),
        4 => NeedsOrder($"TakeLast({n})", q => q.TakeLast(n)),
        _ => NeedsOrder($"SkipLast({n})", q => q.SkipLast(n)),
    });

    private static Gen<QueryStep> Distinct() => Gen.Int[0, 2].Select(which => which switch
    {
        0 => Shuffle("Distinct()", q => q.Distinct()),
        1 => Shuffle("DistinctBy(x => x.Key)", q => q.DistinctBy(x => x.Key), needsOrder: true),
        _ => Shuffle("DistinctBy(x => new { x.Kind, x.N })", q => q.DistinctBy(x => new { x.Kind, x.N }), needsOrder: true),
    });

    private static Gen<QueryStep> SetOperation() => Gen.Select(Gen.Int[0, 3], Gen.Int[0, 12], (which, c) => which switch
    {
        0 => Shuffle($"Union(q.Where(x => x.Key > {c}))", q => q.Union(q.Where(x => x.Key > c))),
        1 => Shuffle($"Intersect(q.Where(x => x.Key < {c}))", q => q.Intersect(q.Where(x => x.Key < c))),
        2 => Shuffle($"Except(q.Where(x => x.Id % 4 == {c % 4}))", q => q.Except(q.Where(x => x.Id % 4 == c % 4))),
        _ => Shuffle($"UnionBy(q.Select(x => x with {{ Id = x.Id + 1000 }}), x => x.Key % {c + 1})", q => q.UnionBy(q.Select(x => new Row(x.Id + 1000, x.Key, x.A, x.B, x.Name, x.D, x.Kind, x.N)), x => x.Key % (c + 1)), needsOrder: true),
    });

    private static Gen<QueryStep> Concat() => Gen.Select(Gen.Int[0, 2], Gen.Int[0, 12], (which, c) => which switch
    {
        0 => Keep($"Concat(q.Where(x => x.Key >= {c}))", q => q.Concat(q.Where(x => x.Key >= c))),
        1 => Keep($"Append(new Row({c}, …)).Prepend(new Row(-{c}, …))", q => q.Append(new Row(c, c, c, c * 0.5, "app", new DateOnly(2024, 2, 2), Kind.Delta, c)).Prepend(new Row(-c, -c, -c, 0, null, new DateOnly(2023, 12, 31), Kind.Alpha, null))),
        _ => Keep("DefaultIfEmpty(new Row(-1, …))", q => q.DefaultIfEmpty(new Row(-1, -1, -1, -1, null, new DateOnly(2000, 1, 1), Kind.Gamma, null))),
    });

    private static Gen<QueryStep> GroupByToRows() => Gen.Select(Gen.Int[0, 4], Gen.Int[1, 6], (which, m) => which switch
    {
        0 => Shuffle($"GroupBy(x => x.Key % {m}).Select(g => new Row(g.Key, g.Count(), g.Sum(A), g.Max(B), g.Min(Name), g.Min(D), g.Max(Kind), g.Sum(N)))", q => q.GroupBy(x => x.Key % m).Select(g => new Row(g.Key, g.Count(), g.Sum(x => x.A), g.Max(x => x.B), g.Min(x => x.Name), g.Min(x => x.D), g.Max(x => x.Kind), g.Sum(x => x.N)))),
        1 => Shuffle("GroupBy(x => new { x.Kind, x.N }).Select(g => new Row(g.Count(), (int)g.Key.Kind, g.LongCount(), g.Average(B), null, g.Max(D), g.Key.Kind, g.Key.N))", q => q.GroupBy(x => new { x.Kind, x.N }).Select(g => new Row(g.Count(), (int)g.Key.Kind, g.LongCount(), g.Average(x => x.B), null, g.Max(x => x.D), g.Key.Kind, g.Key.N))),
        2 => Shuffle($"GroupBy(x => x.Key % {m}).Where(g => g.Count() > 1 && g.Min(A) < 0).Select(g => new Row(g.Key, g.Count(), g.Max(A), g.Sum(B), g.Max(Name), g.Max(D), g.Min(Kind), g.Max(N)))", q => q.GroupBy(x => x.Key % m).Where(g => g.Count() > 1 && g.Min(x => x.A) < 0).Select(g => new Row(g.Key, g.Count(), g.Max(x => x.A), g.Sum(x => x.B), g.Max(x => x.Name), g.Max(x => x.D), g.Min(x => x.Kind), g.Max(x => x.N)))),
        3 => Shuffle("GroupBy(x => x.Name).Select(g => new Row(g.Count(), g.Min(Key), g.Sum(A), g.Min(B), g.Key, g.Max(D), g.Max(Kind), g.Min(N)))", q => q.GroupBy(x => x.Name).Select(g => new Row(g.Count(), g.Min(x => x.Key), g.Sum(x => x.A), g.Min(x => x.B), g.Key, g.Max(x => x.D), g.Max(x => x.Kind), g.Min(x => x.N)))),
        _ => Shuffle($"GroupBy(x => x.Name).SelectMany(g => g.Take({m}))", q => q.GroupBy(x => x.Name).SelectMany(g => g.Take(m)), needsOrder: true),
    });

    private static Gen<QueryStep> Join() => Gen.Int[0, 3].Select(which => which switch
    {
        0 => Shuffle("Join(TestData.Dims, x => x.Key, d => d.Key, (x, d) => x with { Name = d.Label, N = d.Region })", q => q.Join(TestData.Dims, x => x.Key, d => d.Key, (x, d) => new Row(x.Id, x.Key, x.A, x.B, d.Label, x.D, x.Kind, d.Region))),
        1 => Shuffle("Join(q, x => x.Id, y => y.Id, (x, y) => x with { A = x.A + y.A, N = y.N })", q => q.Join(q, x => x.Id, y => y.Id, (x, y) => new Row(x.Id, x.Key, x.A + y.A, x.B, x.Name, x.D, x.Kind, y.N))),
        2 => Shuffle("LeftJoin(TestData.Dims, x => x.N, d => d.Region, (x, d) => x with { Name = d?.Label })", q => q.LeftJoin(TestData.Dims, x => x.N, d => d.Region, (x, d) => new Row(x.Id, x.Key, x.A, x.B, d == null ? null : d.Label, x.D, x.Kind, x.N))),
        _ => Shuffle("GroupJoin(q, x => x.Key, y => y.Key % 5, (x, ys) => x with { A = ys.Count() })", q => q.GroupJoin(q, x => x.Key, y => y.Key % 5, (x, ys) => new Row(x.Id, x.Key, ys.Count(), x.B, x.Name, x.D, x.Kind, x.N))),
    });

    private static Gen<QueryStep> Misc() => Gen.Int[0, 2].Select(which => which switch
    {
        0 => new QueryStep("Repartition(3) (Linq.Spark only)", (q, _) => q.SparkOnly(s => s.Repartition(3)), QueryStep.OrderEffect.Destroy, SparkOnly: true),
        1 => Keep("Cast<Row>()", q => q.Cast<Row>()),
        _ => Keep("OfType<Row>()", q => q.OfType<Row>()),
    });

    /// <summary>Object initializers: a row boxed in a class and unboxed again, a member filter on the box in between.</summary>
    private static Gen<QueryStep> ObjectInitializer() => Gen.Select(Gen.Int[0, 1], Gen.Int[1, 4], (which, m) => which switch
    {
        0 => Keep($"Select(x => new RowBox {{ Value = x, Tag = x.Id % {m} }}).Where(b => b.Tag == 0).Select(b => b.Value)", q => q.Select(x => new RowBox { Value = x, Tag = x.Id % m }).Where(b => b.Tag == 0).Select(b => b.Value!)),
        _ => Keep($"Select(x => new RowBox {{ Value = x, Tag = {m} }}).Select(b => b.Value with {{ Id = b.Value.Id + b.Tag }})", q => q.Select(x => new RowBox { Value = x, Tag = m }).Select(b => new Row(b.Value!.Id + b.Tag, b.Value.Key, b.Value.A, b.Value.B, b.Value.Name, b.Value.D, b.Value.Kind, b.Value.N))),
    });

    /// <summary>Captured values: a nullable that may be null (behind HasValue), arrays in Contains, a guarded division by zero.</summary>
    private static Gen<QueryStep> CapturedValues() => Gen.Select(Gen.Int[0, 4], Gen.Int[-1, 12], (which, c) =>
    {
        int? limit = c < 0 ? null : c;
        int[] keys = [c, c + 1, TestData.SkewedKey];
        string?[] names = c % 2 == 0 ? ["alpha", null, "öl"] : ["", "IŞIK"];
        int zero = 0;
        return which switch
        {
            0 => Keep($"Where(x => !limit.HasValue || x.Key < limit.Value) with limit = {limit?.ToString() ?? "null"}", q => q.Where(x => !limit.HasValue || x.Key < limit.Value)),
            1 => Keep($"Where(x => x.N == limit) with limit = {limit?.ToString() ?? "null"}", q => q.Where(x => x.N == limit)),
            2 => Keep($"Where(x => keys.Contains(x.Key)) with keys = [{string.Join(", ", keys)}]", q => q.Where(x => keys.Contains(x.Key))),
            3 => Keep($"Where(x => names.Contains(x.Name)) with names = [{string.Join(", ", names.Select(n => n ?? "null"))}]", q => q.Where(x => names.Contains(x.Name))),
            _ => Keep($"Where(x => zero != 0 && x.Id > 100 / zero || x.Key != {c})", q => q.Where(x => zero != 0 && x.Id > 100 / zero || x.Key != c)),
        };
    });

    /// <summary>LINQ's checked semantics in vector kernels: int.MinValue keys, then Math.Abs behind filters and short-circuits.</summary>
    private static Gen<QueryStep> Checked() => Gen.Select(Gen.Int[0, 2], Gen.Int[2, 9], (which, c) => which switch
    {
        0 => Keep($"Select(x => x with {{ Key = x.Id % {c} == 1 ? int.MinValue : x.Key }})", q => q.Select(x => new Row(x.Id, x.Id % c == 1 ? int.MinValue : x.Key, x.A, x.B, x.Name, x.D, x.Kind, x.N))),
        1 => Keep($"Where(x => Math.Abs(x.Key) > {c})", q => q.Where(x => Math.Abs(x.Key) > c)),
        _ => Keep($"Where(x => x.Key == int.MinValue || Math.Abs(x.Key - {c}) > 2)", q => q.Where(x => x.Key == int.MinValue || Math.Abs(x.Key - c) > 2)),
    });

    private static Gen<QueryStep> Zip() => Gen.Select(Gen.Int[0, 1], Gen.Int[0, 3], (which, c) => which switch
    {
        0 => NeedsOrder($"Zip(q.Skip({c}), (a, b) => a with {{ A = a.A + b.A }})", q => q.Zip(q.Skip(c), (a, b) => new Row(a.Id, a.Key, a.A + b.A, a.B, a.Name, a.D, a.Kind, a.N))),
        _ => NeedsOrder("Zip(q.Select(x => x.Id)).Select(p => p.First with { Id = p.Second * 2 })", q => q.Zip(q.Select(x => x.Id)).Select(p => new Row(p.Second * 2, p.First.Key, p.First.A, p.First.B, p.First.Name, p.First.D, p.First.Kind, p.First.N))),
    });

    /// <summary>Exceptions LINQ raises only where it evaluates: an unread member that divides, the aggregate of a group a filter drops.</summary>
    private static Gen<QueryStep> Throwing() => Gen.Select(Gen.Int[0, 1], Gen.Int[0, 40], (which, c) => which switch
    {
        0 => Keep($"Select(x => new {{ R = x, T = 100 / (x.Id - {c}) }}).Select(p => p.R)", q => q.Select(x => new { R = x, T = 100 / (x.Id - c) }).Select(p => p.R)),
        _ => Shuffle($"GroupBy(x => x.Key).Where(g => g.Count() > 2).Select(g => new Row(g.Key, g.Count(), g.Max(x => 100 / (x.Id - {c})), …))", q => q.GroupBy(x => x.Key).Where(g => g.Count() > 2).Select(g => new Row(g.Key, g.Count(), g.Max(x => 100 / (x.Id - c)), 0, g.Max(x => x.Name), g.Min(x => x.D), g.Max(x => x.Kind), g.Sum(x => x.N)))),
    });

    private static Gen<QueryTerminal> QueryTerminals() => Gen.Int[0, 9].Select(which => which switch
    {
        0 => QueryTerminal.Query("(rows)", false, q => q),
        1 => QueryTerminal.Query("Select(x => new { x.Key, x.Name, T = x.A * 2 + x.Id })", false, q => q.Select(x => new { x.Key, x.Name, T = x.A * 2 + x.Id })),
        2 => QueryTerminal.Query("GroupBy(x => x.Kind).Select(g => new { g.Key, C = g.Count(), S = g.Sum(x => x.B), M = g.Max(x => x.A), Avg = g.Average(x => x.N) })", false, q => q.GroupBy(x => x.Kind).Select(g => new { g.Key, C = g.Count(), S = g.Sum(x => x.B), M = g.Max(x => x.A), Avg = g.Average(x => x.N) })),
        3 => QueryTerminal.Query("GroupBy(x => x.Key % 4)", true, q => q.GroupBy(x => x.Key % 4)),
        4 => QueryTerminal.Query("CountBy(x => x.Kind)", false, q => q.CountBy(x => x.Kind)),
        5 => QueryTerminal.Query("Select(x => x.Name).Distinct()", false, q => q.Select(x => x.Name).Distinct()),
        6 => QueryTerminal.Query("Select(x => new RowBox { Value = x, Tag = x.Key })", false, q => q.Select(x => new RowBox { Value = x, Tag = x.Key })),
        7 => QueryTerminal.Query("GroupBy(x => x.Kind).Select(g => new { g.Key, Any = g.Max(x => x.B > 0), All = g.Min(x => x.N > 0) })", false, q => q.GroupBy(x => x.Kind).Select(g => new { g.Key, Any = g.Max(x => x.B > 0), All = g.Min(x => x.N > 0) })),
        8 => QueryTerminal.Query("Select(x => x.Name).Distinct().OrderBy(n => n)", false, q => q.Select(x => x.Name).Distinct().OrderBy(n => n)),
        _ => QueryTerminal.Query("GroupBy(x => x.N, x => x.Id, (k, ids) => new { k, Ids = ids.ToList() })", true, q => q.GroupBy(x => x.N, x => x.Id, (k, ids) => new { k, Ids = ids.ToList() })),
    });

    private static Gen<QueryTerminal> ScalarTerminals() => Gen.Select(Gen.Int[0, 19], Gen.Int[0, 10], (which, c) => which switch
    {
        0 => QueryTerminal.Scalar("Count()", false, q => q.Count()),
        1 => QueryTerminal.Scalar("Sum(x => x.A)", false, q => q.Sum(x => x.A)),
        2 => QueryTerminal.Scalar("Sum(x => x.B)", false, q => q.Sum(x => x.B)),
        3 => QueryTerminal.Scalar("Min(x => x.Key)", false, q => q.Min(x => x.Key)),
        4 => QueryTerminal.Scalar("Max(x => x.Name)", false, q => q.Max(x => x.Name)),
        5 => QueryTerminal.Scalar("Average(x => x.B)", false, q => q.Average(x => x.B)),
        6 => QueryTerminal.Scalar($"Any(x => x.Key == {c})", false, q => q.Any(x => x.Key == c)),
        7 => QueryTerminal.Scalar($"All(x => x.Id != {c})", false, q => q.All(x => x.Id != c)),
        8 => QueryTerminal.Scalar("First()", true, q => q.First()),
        9 => QueryTerminal.Scalar($"ElementAtOrDefault({c})", true, q => q.ElementAtOrDefault(c)),
        10 => QueryTerminal.Scalar("Aggregate(0L, (acc, x) => (acc * 31 + x.Id) % 1_000_003)", true, q => q.Aggregate(0L, (acc, x) => (acc * 31 + x.Id) % 1_000_003)),
        11 => QueryTerminal.Scalar("Average(x => x.N)", false, q => q.Average(x => x.N)),
        12 => QueryTerminal.Scalar("Last()", true, q => q.Last()),
        13 => QueryTerminal.Scalar($"LastOrDefault(x => x.Key > {c})", true, q => q.LastOrDefault(x => x.Key > c)),
        14 => QueryTerminal.Scalar("(Min(x => x.B > 0), Max(x => x.Name == null))", false, q => (q.Min(x => x.B > 0), q.Max(x => x.Name == null))),
        15 => QueryTerminal.Scalar("Max(x => Math.Abs(x.Key))", false, q => q.Max(x => Math.Abs(x.Key))),
        16 => QueryTerminal.Scalar("Sum(x => (long)Math.Abs(x.Key))", false, q => q.Sum(x => (long)Math.Abs(x.Key))),
        17 => QueryTerminal.Scalar($"Count(x => x.Key == int.MinValue || Math.Abs(x.Key) > {c})", false, q => q.Count(x => x.Key == int.MinValue || Math.Abs(x.Key) > c)),
        18 => QueryTerminal.Scalar("Max(x => x.Name == null ? null : x.Name.ToUpper())", false, q => q.Max(x => x.Name == null ? null : x.Name.ToUpper())),
        _ => QueryTerminal.Scalar("Select(x => x.B.ToString() + (x.Name == null ? \"\" : x.Name.ToLower())).Max()", false, q => q.Select(x => x.B.ToString() + (x.Name == null ? "" : x.Name.ToLower())).Max()),
    });
}
