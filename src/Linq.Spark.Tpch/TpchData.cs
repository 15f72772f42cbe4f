namespace Linq.Spark.Tpch;

/// <summary>The eight TPC-H tables held in memory as arrays, as produced by the generator or read from <c>.tbl</c> files.</summary>
public sealed class TpchData
{
    /// <summary>Creates a data set from one array per table; the arrays are used as given, not copied.</summary>
    public TpchData(
        Region[] region,
        Nation[] nation,
        Supplier[] supplier,
        Customer[] customer,
        Part[] part,
        PartSupp[] partSupp,
        Orders[] orders,
        LineItem[] lineItem)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(nation);
        ArgumentNullException.ThrowIfNull(supplier);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(partSupp);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(lineItem);
        Region = region;
        Nation = nation;
        Supplier = supplier;
        Customer = customer;
        Part = part;
        PartSupp = partSupp;
        Orders = orders;
        LineItem = lineItem;
    }

    /// <summary>The <c>region</c> rows.</summary>
    public Region[] Region { get; }

    /// <summary>The <c>nation</c> rows.</summary>
    public Nation[] Nation { get; }

    /// <summary>The <c>supplier</c> rows.</summary>
    public Supplier[] Supplier { get; }

    /// <summary>The <c>customer</c> rows.</summary>
    public Customer[] Customer { get; }

    /// <summary>The <c>part</c> rows.</summary>
    public Part[] Part { get; }

    /// <summary>The <c>partsupp</c> rows.</summary>
    public PartSupp[] PartSupp { get; }

    /// <summary>The <c>orders</c> rows.</summary>
    public Orders[] Orders { get; }

    /// <summary>The <c>lineitem</c> rows.</summary>
    public LineItem[] LineItem { get; }

    /// <summary>The total number of rows over all eight tables.</summary>
    public long TotalRows =>
        (long)Region.Length + Nation.Length + Supplier.Length + Customer.Length +
        Part.Length + PartSupp.Length + Orders.Length + LineItem.Length;

    /// <summary>Wraps the arrays as LINQ to Objects queryables, the reference provider for every query.</summary>
    public TpchTables ToQueryable() => new(
        Region.AsQueryable(),
        Nation.AsQueryable(),
        Supplier.AsQueryable(),
        Customer.AsQueryable(),
        Part.AsQueryable(),
        PartSupp.AsQueryable(),
        Orders.AsQueryable(),
        LineItem.AsQueryable());
}
