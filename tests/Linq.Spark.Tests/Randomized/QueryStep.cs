namespace Linq.Spark.Tests;

/// <summary>One generated operator in a random Row-to-Row chain: its C# text, how to apply it, and what it means for order.</summary>
/// <param name="Text">The operator as C# text, for the failure report.</param>
/// <param name="Apply">Applies the operator; the flag says whether the input's order is defined (sorts add a total tie-break when it is not).</param>
/// <param name="Effect">What the operator does to the order of its output.</param>
/// <param name="NeedsOrder">Whether LINQ's answer depends on the input order (Take, Skip, DistinctBy…), so the input must be ordered.</param>
/// <param name="SparkOnly">Whether it is a Spark-only operator (Repartition) that the LINQ to Objects side leaves out.</param>
public sealed record QueryStep(
    string Text,
    Func<IQueryable<Row>, bool, IQueryable<Row>> Apply,
    QueryStep.OrderEffect Effect,
    bool NeedsOrder = false,
    bool SparkOnly = false)
{
    /// <summary>What an operator does to the order of its output.</summary>
    public enum OrderEffect
    {
        /// <summary>Output order follows input order (narrow operators).</summary>
        Keep,

        /// <summary>Output order is defined whatever the input (OrderBy).</summary>
        Define,

        /// <summary>Output order is unspecified (shuffles).</summary>
        Destroy,
    }

    /// <summary>A sort by every member of <see cref="Row"/>: applied wherever an operator needs order and the chain has none.</summary>
    public static QueryStep TotalOrder { get; } = new("OrderBy(all members)", (q, _) => ThenByAll(q.OrderBy(x => x.Id)), OrderEffect.Define);

    /// <summary>Adds every member of <see cref="Row"/> as a tie-break, so that the sort is total.</summary>
    public static IOrderedQueryable<Row> ThenByAll(IOrderedQueryable<Row> q) =>
        q.ThenBy(x => x.Id).ThenBy(x => x.Key).ThenBy(x => x.A).ThenBy(x => x.B).ThenBy(x => x.Name).ThenBy(x => x.D).ThenBy(x => x.Kind).ThenBy(x => x.N);

    /// <inheritdoc />
    public override string ToString() => Text;
}
