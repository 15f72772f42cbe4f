using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Linq.Spark.Tpch.Tests;

/// <summary>Creates the TPC-H schema (DECIMAL(15,2) money, as the specification's DDL) in DuckDB and appends rows.</summary>
internal static class DuckDbTpch
{
    private const string Schema = """
        create table region (r_regionkey integer not null, r_name varchar not null, r_comment varchar not null);
        create table nation (n_nationkey integer not null, n_name varchar not null, n_regionkey integer not null,
            n_comment varchar not null);
        create table supplier (s_suppkey integer not null, s_name varchar not null, s_address varchar not null,
            s_nationkey integer not null, s_phone varchar not null, s_acctbal decimal(15,2) not null,
            s_comment varchar not null);
        create table customer (c_custkey integer not null, c_name varchar not null, c_address varchar not null,
            c_nationkey integer not null, c_phone varchar not null, c_acctbal decimal(15,2) not null,
            c_mktsegment varchar not null, c_comment varchar not null);
        create table part (p_partkey integer not null, p_name varchar not null, p_mfgr varchar not null,
            p_brand varchar not null, p_type varchar not null, p_size integer not null, p_container varchar not null,
            p_retailprice decimal(15,2) not null, p_comment varchar not null);
        create table partsupp (ps_partkey integer not null, ps_suppkey integer not null, ps_availqty integer not null,
            ps_supplycost decimal(15,2) not null, ps_comment varchar not null);
        create table orders (o_orderkey integer not null, o_custkey integer not null, o_orderstatus varchar not null,
            o_totalprice decimal(15,2) not null, o_orderdate date not null, o_orderpriority varchar not null,
            o_clerk varchar not null, o_shippriority integer not null, o_comment varchar not null);
        create table lineitem (l_orderkey integer not null, l_partkey integer not null, l_suppkey integer not null,
            l_linenumber integer not null, l_quantity decimal(15,2) not null, l_extendedprice decimal(15,2) not null,
            l_discount decimal(15,2) not null, l_tax decimal(15,2) not null, l_returnflag varchar not null,
            l_linestatus varchar not null, l_shipdate date not null, l_commitdate date not null,
            l_receiptdate date not null, l_shipinstruct varchar not null, l_shipmode varchar not null,
            l_comment varchar not null);
        """;

    public static DuckDBConnection Open(TpchData data)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Schema;
            command.ExecuteNonQuery();
        }

        Append(connection, "region", data.Region, static (row, r) =>
            row.AppendValue(r.RegionKey).AppendValue(r.Name).AppendValue(r.Comment));
        Append(connection, "nation", data.Nation, static (row, n) =>
            row.AppendValue(n.NationKey).AppendValue(n.Name).AppendValue(n.RegionKey).AppendValue(n.Comment));
        Append(connection, "supplier", data.Supplier, static (row, s) =>
            row.AppendValue(s.SuppKey).AppendValue(s.Name).AppendValue(s.Address).AppendValue(s.NationKey)
                .AppendValue(s.Phone).AppendValue(Money(s.AcctBal)).AppendValue(s.Comment));
        Append(connection, "customer", data.Customer, static (row, c) =>
            row.AppendValue(c.CustKey).AppendValue(c.Name).AppendValue(c.Address).AppendValue(c.NationKey)
                .AppendValue(c.Phone).AppendValue(Money(c.AcctBal)).AppendValue(c.MktSegment).AppendValue(c.Comment));
        Append(connection, "part", data.Part, static (row, p) =>
            row.AppendValue(p.PartKey).AppendValue(p.Name).AppendValue(p.Mfgr).AppendValue(p.Brand).AppendValue(p.Type)
                .AppendValue(p.Size).AppendValue(p.Container).AppendValue(Money(p.RetailPrice)).AppendValue(p.Comment));
        Append(connection, "partsupp", data.PartSupp, static (row, ps) =>
            row.AppendValue(ps.PartKey).AppendValue(ps.SuppKey).AppendValue(ps.AvailQty)
                .AppendValue(Money(ps.SupplyCost)).AppendValue(ps.Comment));
        Append(connection, "orders", data.Orders, static (row, o) =>
            row.AppendValue(o.OrderKey).AppendValue(o.CustKey).AppendValue(o.OrderStatus.ToString())
                .AppendValue(Money(o.TotalPrice)).AppendValue(Date(o.OrderDate)).AppendValue(o.OrderPriority)
                .AppendValue(o.Clerk).AppendValue(o.ShipPriority).AppendValue(o.Comment));
        Append(connection, "lineitem", data.LineItem, static (row, l) =>
            row.AppendValue(l.OrderKey).AppendValue(l.PartKey).AppendValue(l.SuppKey).AppendValue(l.LineNumber)
                .AppendValue(Money(l.Quantity)).AppendValue(Money(l.ExtendedPrice)).AppendValue(Money(l.Discount))
                .AppendValue(Money(l.Tax)).AppendValue(l.ReturnFlag.ToString()).AppendValue(l.LineStatus.ToString())
                .AppendValue(Date(l.ShipDate)).AppendValue(Date(l.CommitDate)).AppendValue(Date(l.ReceiptDate))
                .AppendValue(l.ShipInstruct).AppendValue(l.ShipMode).AppendValue(l.Comment));
        return connection;
    }

    private static decimal? Money(double value) => Math.Round((decimal)value, 2);

    private static DuckDBDateOnly? Date(DateOnly value) => DuckDBDateOnly.FromDateOnly(value);

    private static void Append<T>(DuckDBConnection connection, string table, T[] rows, Func<IDuckDBAppenderRow, T, IDuckDBAppenderRow> append)
    {
        using var appender = connection.CreateAppender(table);
        foreach (var row in rows)
        {
            append(appender.CreateRow(), row).EndRow();
        }
    }
}
