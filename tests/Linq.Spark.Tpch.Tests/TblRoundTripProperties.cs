using CsCheck;

namespace Linq.Spark.Tpch.Tests;

/// <summary>Property tests: any rows a <c>.tbl</c> file can hold come back equal after writing and reading.</summary>
public sealed class TblRoundTripProperties
{
    // Letters, digits, blanks at either end, quotes and a non-ASCII letter; never '|' or a line break.
    private static readonly Gen<string> Text = Gen.String[Gen.Char["abcXYZ019 ,.-#'\"é"], 0, 24];
    private static readonly Gen<double> Money = Gen.Long[-99_999_999, 999_999_999].Select(cents => cents / 100.0);
    private static readonly Gen<DateOnly> Dates = Gen.Int[0, 3_650].Select(days => new DateOnly(1992, 1, 1).AddDays(days));
    private static readonly Gen<int> Keys = Gen.Int[-1_000, int.MaxValue];

    private static readonly Gen<LineItem> Lines = Gen.Select(
        Keys,
        Keys,
        Keys,
        Gen.Int[1, 7],
        Money,
        Money,
        Money,
        Money,
        Gen.Char["RAN"],
        Gen.Char["OF"],
        Dates,
        Dates,
        Dates,
        Text,
        Text,
        Text,
        (orderKey, partKey, suppKey, lineNumber, quantity, price, discount, tax, returnFlag, lineStatus, ship, commit, receipt, instruct, mode, comment) =>
            new LineItem(orderKey, partKey, suppKey, lineNumber, quantity, price, discount, tax, returnFlag, lineStatus, ship, commit, receipt, instruct, mode, comment));

    [Fact]
    public void LineItem_rows_round_trip_through_a_tbl_file()
    {
        Lines.Array[0, 40].Sample(rows =>
        {
            using var directory = new TempDirectory();
            TblWriter.WriteDirectory(new TpchData([], [], [], [], [], [], [], rows), directory.Path);

            var read = TblReader.ReadLineItem(directory.File("lineitem.tbl"));

            Assert.Equal(rows, read);
        }, iter: 100);
    }
}
