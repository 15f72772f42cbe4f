namespace Linq.Spark.Tpch;

/// <summary>Puts TPC-H data on a <see cref="SparkSession"/>: generated tables, dbgen's <c>.tbl</c> files, or Parquet folders.</summary>
public static class TpchSpark
{
    /// <summary>The eight tables as session sources, each spread over the session's default parallelism.</summary>
    public static TpchTables ToSpark(this TpchData data, SparkSession session)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(session);
        return new TpchTables(
            session.Parallelize(data.Region),
            session.Parallelize(data.Nation),
            session.Parallelize(data.Supplier),
            session.Parallelize(data.Customer),
            session.Parallelize(data.Part),
            session.Parallelize(data.PartSupp),
            session.Parallelize(data.Orders),
            session.Parallelize(data.LineItem));
    }

    /// <summary>Reads dbgen's eight <c>.tbl</c> files from a directory into session sources.</summary>
    public static TpchTables ReadTpch(this SparkSession session, string directory) =>
        TblReader.ReadDirectory(directory).ToSpark(session);

    /// <summary>The table names, which are also the folder names of <see cref="WriteParquet(TpchData, SparkSession, string)"/>.</summary>
    public static IReadOnlyList<string> TableNames { get; } = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"];

    /// <summary>
    /// Writes the eight tables as Parquet into one folder per table under <paramref name="directory"/> (replacing
    /// any there), with the specification's column names (<c>l_orderkey</c>, …), so other engines can query them too.
    /// </summary>
    public static void WriteParquet(this TpchData data, SparkSession session, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(session);
        string Folder(string table) => Path.Combine(directory, table);
        session.Parallelize(data.Region).WriteParquet(Folder("region"), WriteMode.Overwrite);
        session.Parallelize(data.Nation).WriteParquet(Folder("nation"), WriteMode.Overwrite);
        session.Parallelize(data.Supplier).WriteParquet(Folder("supplier"), WriteMode.Overwrite);
        session.Parallelize(data.Customer).WriteParquet(Folder("customer"), WriteMode.Overwrite);
        session.Parallelize(data.Part).WriteParquet(Folder("part"), WriteMode.Overwrite);
        session.Parallelize(data.PartSupp).WriteParquet(Folder("partsupp"), WriteMode.Overwrite);
        session.Parallelize(data.Orders).WriteParquet(Folder("orders"), WriteMode.Overwrite);
        session.Parallelize(data.LineItem).WriteParquet(Folder("lineitem"), WriteMode.Overwrite);
    }

    /// <summary>
    /// Generates TPC-H data in pieces and writes them as <see cref="WriteParquet(TpchData, SparkSession, string)"/> does, so no more than one piece is
    /// in memory at once (one piece per unit of scale factor: about 6,000,000 lines); the files hold the same rows as
    /// writing <see cref="TpchGenerator.Generate"/>'s data would.
    /// </summary>
    /// <param name="generator">The generator (its scale factor and seed).</param>
    /// <param name="session">The session whose jobs write the files.</param>
    /// <param name="directory">The folder of the eight table folders (replaced).</param>
    /// <param name="onPiece">Called after each piece is written, with its number (from 1) and the count of pieces.</param>
    public static void WriteParquet(this TpchGenerator generator, SparkSession session, string directory, Action<int, int>? onPiece = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var pieces = Math.Max(1, (int)Math.Ceiling(generator.ScaleFactor));
        var piece = 0;
        foreach (var data in generator.GenerateInPieces(pieces))
        {
            if (piece++ == 0)
            {
                data.WriteParquet(session, directory);
            }
            else
            {
                session.Parallelize(data.Orders).WriteParquet(Path.Combine(directory, "orders"), WriteMode.Append);
                session.Parallelize(data.LineItem).WriteParquet(Path.Combine(directory, "lineitem"), WriteMode.Append);
            }

            onPiece?.Invoke(piece, pieces);
        }
    }

    /// <summary>Whether <paramref name="directory"/> holds all eight tables as committed Parquet folders (each with its <c>_SUCCESS</c>).</summary>
    public static bool HasParquetTables(string directory) =>
        TableNames.All(table => File.Exists(Path.Combine(directory, table, "_SUCCESS")));

    /// <summary>The eight tables as scans of the Parquet folders under <paramref name="directory"/> (one per table, as <see cref="WriteParquet(TpchData, SparkSession, string)"/> writes them).</summary>
    public static TpchTables ReadTpchParquet(this SparkSession session, string directory)
    {
        ArgumentNullException.ThrowIfNull(session);
        string Folder(string table) => Path.Combine(directory, table);
        return new TpchTables(
            session.ReadParquet<Region>(Folder("region")),
            session.ReadParquet<Nation>(Folder("nation")),
            session.ReadParquet<Supplier>(Folder("supplier")),
            session.ReadParquet<Customer>(Folder("customer")),
            session.ReadParquet<Part>(Folder("part")),
            session.ReadParquet<PartSupp>(Folder("partsupp")),
            session.ReadParquet<Orders>(Folder("orders")),
            session.ReadParquet<LineItem>(Folder("lineitem")));
    }
}
