namespace Linq.Spark.Tpch;

/// <summary>The eight TPC-H tables as queryable sources, so the same query code runs on any LINQ provider.</summary>
/// <param name="Region">The <c>region</c> table.</param>
/// <param name="Nation">The <c>nation</c> table.</param>
/// <param name="Supplier">The <c>supplier</c> table.</param>
/// <param name="Customer">The <c>customer</c> table.</param>
/// <param name="Part">The <c>part</c> table.</param>
/// <param name="PartSupp">The <c>partsupp</c> table.</param>
/// <param name="Orders">The <c>orders</c> table.</param>
/// <param name="LineItem">The <c>lineitem</c> table.</param>
public sealed record TpchTables(
    IQueryable<Region> Region,
    IQueryable<Nation> Nation,
    IQueryable<Supplier> Supplier,
    IQueryable<Customer> Customer,
    IQueryable<Part> Part,
    IQueryable<PartSupp> PartSupp,
    IQueryable<Orders> Orders,
    IQueryable<LineItem> LineItem);
