namespace Linq.Spark.Tpch;

/// <summary>A row of the TPC-H <c>part</c> table: 200,000 × SF parts.</summary>
/// <param name="PartKey">Primary key, 1..200,000 × SF (<c>p_partkey</c>).</param>
/// <param name="Name">Five distinct colour words, for example <c>forest green ...</c> (<c>p_name</c>).</param>
/// <param name="Mfgr"><c>Manufacturer#M</c>, M in 1..5 (<c>p_mfgr</c>).</param>
/// <param name="Brand"><c>Brand#MN</c>, N in 1..5 (<c>p_brand</c>).</param>
/// <param name="Type">Three syllables, for example <c>ECONOMY ANODIZED STEEL</c> (<c>p_type</c>).</param>
/// <param name="Size">Size, 1..50 (<c>p_size</c>).</param>
/// <param name="Container">Two syllables, for example <c>MED BOX</c> (<c>p_container</c>).</param>
/// <param name="RetailPrice">Price derived from the key by the specification's formula (<c>p_retailprice</c>).</param>
/// <param name="Comment">Free text (<c>p_comment</c>).</param>
public sealed record Part(
    [ColumnName("p_partkey")] int PartKey,
    [ColumnName("p_name")] string Name,
    [ColumnName("p_mfgr")] string Mfgr,
    [ColumnName("p_brand")] string Brand,
    [ColumnName("p_type")] string Type,
    [ColumnName("p_size")] int Size,
    [ColumnName("p_container")] string Container,
    [ColumnName("p_retailprice")] double RetailPrice,
    [ColumnName("p_comment")] string Comment);
