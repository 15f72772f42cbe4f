namespace Linq.Spark.Tpch.Tests;

/// <summary>The <c>.tbl</c> reader and writer: round trips, dbgen's format, and errors that name file, line and field.</summary>
[Collection(TpchCollection.Name)]
public sealed class TblReaderTests(TpchFixture fixture)
{
    private const string GoodLine =
        "1|156|4|1|17|17954.55|0.04|0.02|N|O|1996-03-13|1996-02-12|1996-03-22|DELIVER IN PERSON|TRUCK|egular courts above the|";

    [Fact]
    public void WriteDirectory_then_ReadDirectory_gives_back_equal_data()
    {
        using var directory = new TempDirectory();

        TblWriter.WriteDirectory(fixture.Data, directory.Path);
        var read = TblReader.ReadDirectory(directory.Path);

        Assert.Equal(fixture.Data.Region, read.Region);
        Assert.Equal(fixture.Data.Nation, read.Nation);
        Assert.Equal(fixture.Data.Supplier, read.Supplier);
        Assert.Equal(fixture.Data.Customer, read.Customer);
        Assert.Equal(fixture.Data.Part, read.Part);
        Assert.Equal(fixture.Data.PartSupp, read.PartSupp);
        Assert.Equal(fixture.Data.Orders, read.Orders);
        Assert.Equal(fixture.Data.LineItem, read.LineItem);
    }

    [Fact]
    public void WriteDirectory_writes_dbgen_style_lines()
    {
        using var directory = new TempDirectory();

        TblWriter.WriteDirectory(fixture.Data, directory.Path);

        string[] lines = File.ReadAllLines(directory.File("region.tbl"));
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("0|AFRICA|", lines[0], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.EndsWith("|", line, StringComparison.Ordinal));
        string firstLine = File.ReadLines(directory.File("lineitem.tbl")).First();
        Assert.Equal(17, firstLine.Split('|').Length);
        Assert.Matches(@"^\d+\|\d+\|\d+\|1\|\d+\.00\|\d+\.\d\d\|0\.\d\d\|0\.\d\d\|[RAN]\|[OF]\|\d{4}-\d\d-\d\d\|", firstLine);
    }

    [Fact]
    public void ReadLineItem_reads_a_dbgen_line()
    {
        using var directory = new TempDirectory();
        string path = directory.File("lineitem.tbl");
        File.WriteAllText(path, GoodLine + "\n");

        var line = Assert.Single(TblReader.ReadLineItem(path));

        Assert.Equal(
            new LineItem(1, 156, 4, 1, 17, 17954.55, 0.04, 0.02, 'N', 'O', new DateOnly(1996, 3, 13), new DateOnly(1996, 2, 12),
                new DateOnly(1996, 3, 22), "DELIVER IN PERSON", "TRUCK", "egular courts above the"),
            line);
    }

    [Fact]
    public void ReadLineItem_accepts_lines_without_the_trailing_separator_and_an_empty_file()
    {
        using var directory = new TempDirectory();
        string path = directory.File("lineitem.tbl");
        File.WriteAllText(path, GoodLine[..^1] + "\r\n" + GoodLine + "\n");
        string empty = directory.File("empty.tbl");
        File.WriteAllText(empty, string.Empty);

        Assert.Equal(2, TblReader.ReadLineItem(path).Length);
        Assert.Empty(TblReader.ReadLineItem(empty));
    }

    [Theory]
    [InlineData("\n\n")]
    [InlineData("\r\n\r\n")]
    [InlineData("\n\n\n")]
    [InlineData("\n \n")]
    [InlineData("\n\n  ")]
    public void ReadLineItem_accepts_blank_lines_at_the_end_of_the_file(string ending)
    {
        using var directory = new TempDirectory();
        string path = directory.File("lineitem.tbl");
        File.WriteAllText(path, GoodLine + "\n" + GoodLine + ending);
        string blank = directory.File("blank.tbl");
        File.WriteAllText(blank, ending);

        Assert.Equal(2, TblReader.ReadLineItem(path).Length);
        Assert.Empty(TblReader.ReadLineItem(blank));
    }

    [Fact]
    public void ReadLineItem_with_a_blank_line_between_rows_names_file_and_line()
    {
        using var directory = new TempDirectory();
        string path = directory.File("lineitem.tbl");
        File.WriteAllLines(path, [GoodLine, GoodLine, "", GoodLine, ""]);

        var error = Assert.Throws<TpchFormatException>(() => TblReader.ReadLineItem(path));

        Assert.Equal(path, error.FileName);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("blank", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLineItem_with_a_blank_line_before_a_bad_line_reports_the_blank_line()
    {
        using var directory = new TempDirectory();
        string path = directory.File("lineitem.tbl");
        var lines = Enumerable.Repeat(GoodLine, 50_000).ToArray();
        lines[20_000] = "";
        lines[40_000] = GoodLine.Replace("|17|", "|x|", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<TpchFormatException>(() => TblReader.ReadLineItem(path));

        Assert.Equal(20_001, error.LineNumber);
        Assert.Contains("blank", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDirectory_reports_each_file_that_holds_no_rows()
    {
        using var directory = new TempDirectory();
        TblWriter.WriteDirectory(fixture.Data, directory.Path);
        File.WriteAllText(directory.File("region.tbl"), string.Empty);
        File.WriteAllText(directory.File("partsupp.tbl"), "\n");
        var empty = new List<string>();

        var read = TblReader.ReadDirectory(directory.Path, empty.Add);

        Assert.Equal([directory.File("region.tbl"), directory.File("partsupp.tbl")], empty);
        Assert.Empty(read.Region);
        Assert.Empty(read.PartSupp);
        Assert.Equal(fixture.Data.Nation, read.Nation);
    }

    [Theory]
    [InlineData(4, "x17", "l_quantity")]
    [InlineData(0, "one", "l_orderkey")]
    [InlineData(8, "NN", "l_returnflag")]
    [InlineData(10, "1996/03/13", "l_shipdate")]
    [InlineData(12, "1996-02-30", "l_receiptdate")]
    [InlineData(6, "", "l_discount")]
    public void ReadLineItem_with_a_bad_field_names_file_line_and_column(int column, string badValue, string field)
    {
        using var directory = new TempDirectory();
        string path = directory.File("lineitem.tbl");
        string[] fields = GoodLine.Split('|');
        fields[column] = badValue;
        File.WriteAllLines(path, [GoodLine, GoodLine, string.Join('|', fields), GoodLine]);

        var error = Assert.Throws<TpchFormatException>(() => TblReader.ReadLineItem(path));

        Assert.Equal(path, error.FileName);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(field, error.Field);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLineItem_with_several_bad_lines_reports_the_first()
    {
        using var directory = new TempDirectory();
        string path = directory.File("lineitem.tbl");
        string bad = GoodLine.Replace("|17|", "|x|", StringComparison.Ordinal);
        var lines = Enumerable.Repeat(GoodLine, 50_000).ToArray();
        lines[2] = bad;
        lines[30_000] = bad;
        lines[49_000] = bad;
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<TpchFormatException>(() => TblReader.ReadLineItem(path));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal("l_quantity", error.Field);
    }

    [Fact]
    public void ReadOrders_with_a_missing_field_names_the_first_missing_column()
    {
        using var directory = new TempDirectory();
        string path = directory.File("orders.tbl");
        File.WriteAllLines(path, ["1|370|O|172799.49|1996-01-02|5-LOW|Clerk#000000951|0|nstructions sleep furiously among|", "2|781|O|38426.09|1996-12-01|1-URGENT|"]);

        var error = Assert.Throws<TpchFormatException>(() => TblReader.ReadOrders(path));

        Assert.Equal(2, error.LineNumber);
        Assert.Equal("o_clerk", error.Field);
    }

    [Fact]
    public void ReadRegion_with_an_extra_field_names_the_last_column()
    {
        using var directory = new TempDirectory();
        string path = directory.File("region.tbl");
        File.WriteAllLines(path, ["0|AFRICA|lar deposits|", "1|AMERICA|hs use ironic|extra|"]);

        var error = Assert.Throws<TpchFormatException>(() => TblReader.ReadRegion(path));

        Assert.Equal(2, error.LineNumber);
        Assert.Equal("r_comment", error.Field);
    }

    [Fact]
    public void ReadDirectory_of_a_missing_directory_throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => TblReader.ReadDirectory(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }

    [Theory]
    [InlineData("A|B")]
    [InlineData("A\nB")]
    [InlineData("A\rB")]
    public void WriteDirectory_rejects_text_holding_the_separator_or_a_line_break(string name)
    {
        using var directory = new TempDirectory();
        var data = new TpchData([new Region(0, name, "c")], [], [], [], [], [], [], []);

        Assert.Throws<ArgumentException>(() => TblWriter.WriteDirectory(data, directory.Path));
        Assert.False(File.Exists(directory.File("region.tbl")));
    }
}
