namespace Linq.Spark.Tpch;

/// <summary>Puts TPC-H data on a <see cref="SparkSession"/>: generated tables, or dbgen's <c>.tbl</c> files.</summary>
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
}
