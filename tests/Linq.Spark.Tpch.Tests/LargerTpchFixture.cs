namespace Linq.Spark.Tpch.Tests;

/// <summary>
/// SF 0.05 with another seed: five times the rows and other draws, so predicates and limits that SF 0.01 barely
/// exercises (Q17's quantity limit, Q18's 300 units, Q20's surplus) decide more rows.
/// </summary>
public sealed class LargerTpchFixture() : TpchDataFixture(0.05, seed: 5)
{
}
