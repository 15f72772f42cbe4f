using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of Select.</summary>
public sealed class SelectTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void Select_identity_returnsSourceInOrder() =>
        AssertQuery(Rows, q => q.Select(x => x));

    [Fact]
    public void Select_anonymousRowCapturedByNestedLambda_eachRowKeepsItsOwnValues() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Key, x.Id }).Select(p => TestData.Dims.Count(d => d.Key == p.Key) * 1000 + p.Id));

    [Fact]
    public void Select_anonymousRowUsedWholeAndByMember_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Key, x.Name, x.N }).Where(p => p.Key % 2 == 0).Select(p => new { p, Twice = p.N * 2 }));

    [Fact]
    public void Select_anonymousRowThroughShuffle_keepsNullsAndStrings() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Key, x.Name, x.N, x.D }).DistinctBy(p => p.Key).Select(p => new { p.Key, p.Name, p.N, p.D }));

    [Fact]
    public void Select_singleColumn_keepsSourceOrder() =>
        AssertQuery(Rows, q => q.Select(x => x.Id));

    [Fact]
    public void Select_arithmetic_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.A * 3 + x.Key - 7));

    [Fact]
    public void Select_doubleArithmetic_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.B * 2.5 - x.Key / 4.0));

    [Fact]
    public void Select_anonymousType_comparesMemberWise() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Id, x.Name, Double = x.B * 2, x.Kind }));

    [Fact]
    public void Select_newRecord_comparesMemberWise() =>
        AssertQuery(Rows, q => q.Select(x => new Row(x.Id, x.Key * 2, -x.A, x.B / 2, x.Name, x.D.AddDays(1), x.Kind, x.N)));

    [Fact]
    public void Select_nullableArithmetic_propagatesNull() =>
        AssertQuery(Rows, q => q.Select(x => x.N * 2 + 1));

    [Fact]
    public void Select_nullCoalescing_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => new { Name = x.Name ?? "<none>", N = x.N ?? -100 }));

    [Fact]
    public void Select_conditional_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.B > 0 ? x.A : -x.A));

    [Fact]
    public void Select_stringMethods_matchLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.Name == null ? null : x.Name.ToUpperInvariant() + ":" + x.Key));

    [Fact]
    public void Select_toStringOfEnumAndDate_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.Kind.ToString() + "@" + x.D.Year + "-" + x.D.Month));

    [Fact]
    public void Select_castsBetweenNumericTypes_matchLinq() =>
        AssertQuery(Rows, q => q.Select(x => new { I = (int)x.B, L = (long)x.Key, D = (double)x.A, F = (float)x.B, M = (decimal)x.B }));

    [Fact]
    public void Select_withIndex_usesGlobalIndex() =>
        AssertQuery(Rows, q => q.Select((x, i) => new { i, x.Id }));

    [Fact]
    public void Select_withIndexAfterWhere_indexCountsSurvivors() =>
        AssertQuery(Rows, q => q.Where(x => x.Kind == Kind.Alpha).Select((x, i) => i * 1000 + x.Key));

    [Fact]
    public void Select_chained_fusesAndMatchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Id, x.B }).Select(x => new { x.Id, B2 = x.B * x.B }).Select(x => x.B2 + x.Id));

    [Fact]
    public void Select_tupleCreate_comparesItemWise() =>
        AssertQuery(Rows, q => q.Select(x => Tuple.Create(x.Key, x.Name)));

    [Fact]
    public void Select_valueTupleCreate_comparesItemWise() =>
        AssertQuery(Rows, q => q.Select(x => ValueTuple.Create(x.Id, x.B, x.N)));

    [Fact]
    public void Select_arrayPerRow_comparesAsNestedList() =>
        AssertQuery(Rows, q => q.Select(x => new[] { x.Key, x.Id % 5 }));

    [Fact]
    public void Select_userMethod_rowModeMatchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => Describe(x)));

    [Fact]
    public void Select_checkedOverflowInLambda_throwsOverflowException() =>
        AssertQuery(Rows, q => q.Select(x => checked((int)x.A * 1_000_000)));

    [Fact]
    public void Select_capturedConstant_isUsed()
    {
        long offset = 1L << 40;
        AssertQuery(Rows, q => q.Select(x => x.A + offset));
    }

    [Fact]
    public void Select_mathFunctions_matchLinq() =>
        AssertQuery(Rows, q => q.Select(x => Math.Abs(x.B) + Math.Max(x.Key, 3) + Math.Floor(x.B / 3)));

    private static string Describe(Row row) => $"{row.Id}:{row.Name?.Length ?? -1}";

    [Fact]
    public void Select_objectInitializer_buildsEachRowItsOwnObject() =>
        AssertQuery(Rows, q => q.Select(x => new Point { X = x.Id, Label = x.Name }));

    [Fact]
    public void Count_afterObjectInitializer_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => new Point { X = x.Id }).Count());

    [Fact]
    public void Sum_overObjectInitializerMember_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => new Point { X = x.Key, Label = "k" }).Where(p => p.X > 3).Sum(p => p.X));

    [Fact]
    public void Select_parameterFreeObjectInitializer_isNotSharedBetweenRows() =>
        AssertScalar(Rows, q => q.Select(x => new Point { X = 1 }).ToList().Distinct(ReferenceEqualityComparer.Instance).Count());

    [Fact]
    public void Select_unreadMemberThatThrows_stillThrowsAsLinq() =>
        AssertScalar(Rows, q => q.Select(x => new { A = 100 / (x.Id - x.Id), x.Key }).Select(y => y.Key).Sum());

    [Fact]
    public void Select_unreadMemberThatThrowsBeforeAFilter_stillThrowsAsLinq() =>
        AssertQuery(Rows, q => q.Select(x => new { A = checked(x.A * 4_000_000_000L), x.Key }).Where(y => y.Key > 100).Select(y => y.Key));

    [Fact]
    public void Select_unreadMemberThatCannotThrow_isPrunedAndMatches() =>
        AssertScalar(Rows, q => q.Select(x => new { A = x.A * 2 + x.Id, x.Key }).Select(y => y.Key).Sum());

    [Fact]
    public void Select_unreadAbsOfMinValue_throwsOverflowAsLinq() =>
        AssertScalar(WhereTests.WithMinValues, q => q.Select(x => new { A = Math.Abs(x.Key), x.Id }).Sum(y => y.Id));

    /// <summary>A class built with an object initializer.</summary>
    public sealed class Point
    {
        /// <summary>A number.</summary>
        public int X { get; set; }

        /// <summary>A label.</summary>
        public string? Label { get; set; }
    }
}
