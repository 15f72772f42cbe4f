namespace Linq.Spark.Tests;

/// <summary>A class that queries build with an object initializer (<c>new RowBox { Value = x, Tag = 1 }</c>).</summary>
public sealed class RowBox
{
    /// <summary>The row it holds.</summary>
    public Row? Value { get; set; }

    /// <summary>A number computed from the row.</summary>
    public int Tag { get; set; }
}
