using nietras.SeparatedValues;

namespace Linq.Spark.Tpch;

/// <summary>Reads dbgen's pipe-delimited <c>.tbl</c> files (no header, a trailing <c>|</c> on every line, blank lines only at the end) into memory.</summary>
public static class TblReader
{
    private delegate T RowParser<T>(TblFields fields);

    /// <summary>Reads the eight files <c>region.tbl</c> … <c>lineitem.tbl</c> from a directory.</summary>
    public static TpchData ReadDirectory(string directory) => ReadDirectory(directory, emptyFile: null);

    /// <summary>Reads the eight files from a directory, calling <paramref name="emptyFile"/> with the path of each file that holds no rows.</summary>
    /// <remarks>An empty file is a valid, empty table; the callback lets a caller tell its user, since a library should not write to the console.</remarks>
    public static TpchData ReadDirectory(string directory, Action<string>? emptyFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The TPC-H data directory '{directory}' does not exist.");
        }

        T[] Table<T>(string table, Func<string, T[]> read)
        {
            var path = Path.Combine(directory, TpchSchema.FileName(table));
            var rows = read(path);
            if (rows.Length == 0)
            {
                emptyFile?.Invoke(path);
            }

            return rows;
        }

        return new TpchData(
            Table("region", ReadRegion),
            Table("nation", ReadNation),
            Table("supplier", ReadSupplier),
            Table("customer", ReadCustomer),
            Table("part", ReadPart),
            Table("partsupp", ReadPartSupp),
            Table("orders", ReadOrders),
            Table("lineitem", ReadLineItem));
    }

    /// <summary>Reads a <c>region.tbl</c> file.</summary>
    public static Region[] ReadRegion(string path) => Read(path, TpchSchema.Region, static f =>
        new Region(f.Int(0), f.Interned(1), f.String(2)));

    /// <summary>Reads a <c>nation.tbl</c> file.</summary>
    public static Nation[] ReadNation(string path) => Read(path, TpchSchema.Nation, static f =>
        new Nation(f.Int(0), f.Interned(1), f.Int(2), f.String(3)));

    /// <summary>Reads a <c>supplier.tbl</c> file.</summary>
    public static Supplier[] ReadSupplier(string path) => Read(path, TpchSchema.Supplier, static f =>
        new Supplier(f.Int(0), f.String(1), f.String(2), f.Int(3), f.String(4), f.Double(5), f.String(6)));

    /// <summary>Reads a <c>customer.tbl</c> file.</summary>
    public static Customer[] ReadCustomer(string path) => Read(path, TpchSchema.Customer, static f =>
        new Customer(f.Int(0), f.String(1), f.String(2), f.Int(3), f.String(4), f.Double(5), f.Interned(6), f.String(7)));

    /// <summary>Reads a <c>part.tbl</c> file.</summary>
    public static Part[] ReadPart(string path) => Read(path, TpchSchema.Part, static f =>
        new Part(f.Int(0), f.String(1), f.Interned(2), f.Interned(3), f.Interned(4), f.Int(5), f.Interned(6), f.Double(7), f.String(8)));

    /// <summary>Reads a <c>partsupp.tbl</c> file.</summary>
    public static PartSupp[] ReadPartSupp(string path) => Read(path, TpchSchema.PartSupp, static f =>
        new PartSupp(f.Int(0), f.Int(1), f.Int(2), f.Double(3), f.String(4)));

    /// <summary>Reads an <c>orders.tbl</c> file.</summary>
    public static Orders[] ReadOrders(string path) => Read(path, TpchSchema.Orders, static f =>
        new Orders(f.Int(0), f.Int(1), f.Char(2), f.Double(3), f.Date(4), f.Interned(5), f.Interned(6), f.Int(7), f.String(8)));

    /// <summary>Reads a <c>lineitem.tbl</c> file.</summary>
    public static LineItem[] ReadLineItem(string path) => Read(path, TpchSchema.LineItem, static f =>
        new LineItem(
            f.Int(0),
            f.Int(1),
            f.Int(2),
            f.Int(3),
            f.Double(4),
            f.Double(5),
            f.Double(6),
            f.Double(7),
            f.Char(8),
            f.Char(9),
            f.Date(10),
            f.Date(11),
            f.Date(12),
            f.Interned(13),
            f.Interned(14),
            f.String(15)));

    private static T[] Read<T>(string path, IReadOnlyList<string> columns, RowParser<T> parse)
        where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var interner = new StringInterner();
        T?[] rows;
        try
        {
            // Sep cuts the file into rows on this thread and parses batches of rows on worker threads, in order.
            // A blank line reads as null here; whether it is allowed depends on what follows it, known only at the end.
            using var reader = OpenReader(path);
            rows = [.. reader.ParallelEnumerate(row => IsBlank(row) ? null : parse(new TblFields(row, path, columns, interner)))];
        }
        catch (Exception e) when (e is TpchFormatException || (e is AggregateException a && a.InnerExceptions.Any(i => i is TpchFormatException)))
        {
            // Workers may have failed on several lines; read again in order, so the error names the first bad line.
            ThrowFirstBadLine(path, columns, parse, interner);
            throw;
        }

        // Editors and tools often end a file with an empty line or two: blank lines at the end are no rows.
        var count = rows.Length;
        while (count > 0 && rows[count - 1] is null)
        {
            count--;
        }

        var blank = Array.IndexOf(rows, null, 0, count);
        if (blank >= 0)
        {
            // Quote parsing is off, so every row is one line and row i is line i + 1.
            throw BlankLineError(path, blank + 1, columns);
        }

        if (count < rows.Length)
        {
            Array.Resize(ref rows, count);
        }

        return rows!;
    }

    /// <summary>Reads the file on this thread and throws for its first bad line: a malformed row, or a blank line that rows follow.</summary>
    private static void ThrowFirstBadLine<T>(string path, IReadOnlyList<string> columns, RowParser<T> parse, StringInterner interner)
    {
        using var reader = OpenReader(path);
        var firstBlankLine = 0;
        foreach (var row in reader)
        {
            if (IsBlank(row))
            {
                firstBlankLine = firstBlankLine > 0 ? firstBlankLine : row.LineNumberFrom;
                continue;
            }

            if (firstBlankLine > 0)
            {
                throw BlankLineError(path, firstBlankLine, columns);
            }

            _ = parse(new TblFields(row, path, columns, interner));
        }
    }

    private static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && row.Span.IsWhiteSpace();

    private static TpchFormatException BlankLineError(string path, int lineNumber, IReadOnlyList<string> columns) =>
        new(path, lineNumber, columns[0], "the line is blank; blank lines may only end the file.");

    private static SepReader OpenReader(string path) => Sep.New('|')
        .Reader(o => o with { HasHeader = false, DisableColCountCheck = true, DisableQuotesParsing = true })
        .FromFile(path);
}
