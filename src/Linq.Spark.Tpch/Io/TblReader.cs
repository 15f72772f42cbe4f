using nietras.SeparatedValues;

namespace Linq.Spark.Tpch;

/// <summary>Reads dbgen's pipe-delimited <c>.tbl</c> files (no header, a trailing <c>|</c> on every line) into memory.</summary>
public static class TblReader
{
    private delegate T RowParser<T>(TblFields fields);

    /// <summary>Reads the eight files <c>region.tbl</c> … <c>lineitem.tbl</c> from a directory.</summary>
    public static TpchData ReadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The TPC-H data directory '{directory}' does not exist.");
        }

        string PathOf(string table) => Path.Combine(directory, TpchSchema.FileName(table));
        return new TpchData(
            ReadRegion(PathOf("region")),
            ReadNation(PathOf("nation")),
            ReadSupplier(PathOf("supplier")),
            ReadCustomer(PathOf("customer")),
            ReadPart(PathOf("part")),
            ReadPartSupp(PathOf("partsupp")),
            ReadOrders(PathOf("orders")),
            ReadLineItem(PathOf("lineitem")));
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
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var interner = new StringInterner();
        try
        {
            // Sep cuts the file into rows on this thread and parses batches of rows on worker threads, in order.
            using var reader = OpenReader(path);
            return [.. reader.ParallelEnumerate(row => parse(new TblFields(row, path, columns, interner)))];
        }
        catch (Exception e) when (e is TpchFormatException || (e is AggregateException a && a.InnerExceptions.Any(i => i is TpchFormatException)))
        {
            // Workers may have failed on several lines; read again in order, so the error names the first bad line.
            using var reader = OpenReader(path);
            foreach (var row in reader)
            {
                _ = parse(new TblFields(row, path, columns, interner));
            }

            throw;
        }
    }

    private static SepReader OpenReader(string path) => Sep.New('|')
        .Reader(o => o with { HasHeader = false, DisableColCountCheck = true, DisableQuotesParsing = true })
        .FromFile(path);
}
