namespace Linq.Spark.Tpch;

/// <summary>
/// The 22 TPC-H queries in LINQ query syntax with the specification's validation parameters, written once
/// against <see cref="TpchTables"/> so that every LINQ provider runs the same code.
/// </summary>
/// <remarks>
/// The queries avoid shapes a partitioned engine cannot run: correlated subqueries are decorrelated by hand into
/// joins, grouped aggregates, semi-joins (a join with distinct keys) and anti-joins (a group join whose group is
/// empty); global aggregates group by a constant; aggregates are written inside <c>group … into g select</c> so
/// they split into partial and final aggregation. Q11, Q15 and Q22 compute a scalar with a first action and
/// then build the query around it. Each row type lists its members in the specification's output order.
/// </remarks>
public static partial class TpchQueries
{
    /// <summary>The number of TPC-H queries.</summary>
    public const int Count = 22;

    /// <summary>Builds query <paramref name="number"/> (1..22) as an untyped queryable, for drivers that run every query alike.</summary>
    public static IQueryable ByNumber(int number, TpchTables tables) => number switch
    {
        1 => Q1(tables),
        2 => Q2(tables),
        3 => Q3(tables),
        4 => Q4(tables),
        5 => Q5(tables),
        6 => Q6(tables),
        7 => Q7(tables),
        8 => Q8(tables),
        9 => Q9(tables),
        10 => Q10(tables),
        11 => Q11(tables),
        12 => Q12(tables),
        13 => Q13(tables),
        14 => Q14(tables),
        15 => Q15(tables),
        16 => Q16(tables),
        17 => Q17(tables),
        18 => Q18(tables),
        19 => Q19(tables),
        20 => Q20(tables),
        21 => Q21(tables),
        22 => Q22(tables),
        _ => throw new ArgumentOutOfRangeException(nameof(number), number, "TPC-H queries are numbered 1 to 22."),
    };
}
