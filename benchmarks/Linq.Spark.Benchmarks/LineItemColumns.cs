using Linq.Spark.Tpch;

namespace Linq.Spark.Benchmarks;

/// <summary>The lineitem columns Q1 and Q6 read, as plain arrays for the hand-written loops.</summary>
public sealed class LineItemColumns
{
    public LineItemColumns(LineItem[] rows)
    {
        Quantity = [.. rows.Select(r => r.Quantity)];
        ExtendedPrice = [.. rows.Select(r => r.ExtendedPrice)];
        Discount = [.. rows.Select(r => r.Discount)];
        Tax = [.. rows.Select(r => r.Tax)];
        ReturnFlag = [.. rows.Select(r => r.ReturnFlag)];
        LineStatus = [.. rows.Select(r => r.LineStatus)];
        ShipDate = [.. rows.Select(r => r.ShipDate.DayNumber)];
    }

    public double[] Quantity { get; }

    public double[] ExtendedPrice { get; }

    public double[] Discount { get; }

    public double[] Tax { get; }

    public char[] ReturnFlag { get; }

    public char[] LineStatus { get; }

    public int[] ShipDate { get; }
}
