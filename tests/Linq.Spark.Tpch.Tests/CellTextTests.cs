using System.Globalization;
using Linq.Spark.Cli.Tpch;

namespace Linq.Spark.Tpch.Tests;

/// <summary>How the CLI prints result cells: decimals with two places as in TPC-H's answer files, in any culture.</summary>
public sealed class CellTextTests
{
    [Theory]
    [InlineData(387071.65290000004, "387071.65")]
    [InlineData(379146.0, "379146.00")]
    [InlineData(0.04963195146612649, "0.05")]
    [InlineData(25.55753286147624, "25.56")]
    [InlineData(1039922212.9799979, "1039922212.98")]
    [InlineData(-4.125001, "-4.13")]
    [InlineData(-0.001, "0.00")]
    [InlineData(0.0, "0.00")]
    public void Format_prints_a_double_with_two_decimal_places(double value, string expected)
    {
        Assert.Equal(expected, CellText.Format(value));
    }

    [Fact]
    public void Format_is_the_same_in_every_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            Assert.Equal("1234567.89", CellText.Format(1234567.891));
            Assert.Equal("0.50", CellText.Format(0.5f));
            Assert.Equal("1995-03-02", CellText.Format(new DateOnly(1995, 3, 2)));
            Assert.Equal("-7", CellText.Format(-7));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
