namespace Linq.Spark.Tpch.Tests;

/// <summary>SF 0.01 with the default seed, generated once per test run and shared by the test classes of <see cref="TpchCollection"/>.</summary>
public sealed class TpchFixture() : TpchDataFixture(ScaleFactor, TpchGenerator.DefaultSeed)
{
    /// <summary>The scale factor most tests run at.</summary>
    public const double ScaleFactor = 0.01;
}
