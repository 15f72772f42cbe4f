namespace Linq.Spark.Tests;

/// <summary>The last part of a generated query: a projection, aggregation or action that fixes the result type and runs one oracle case.</summary>
/// <param name="Text">The terminal as C# text, for the failure report.</param>
/// <param name="NeedsOrder">Whether LINQ's answer depends on the input order (First, Aggregate, materialized groups).</param>
/// <param name="Check">Runs one case: oracle, data, Row chain, partitions, mode, whether the defined order must be reported; null when the engines agree.</param>
public sealed record QueryTerminal(
    string Text,
    bool NeedsOrder,
    Func<OracleTestBase, IReadOnlyList<Row>, Func<IQueryable<Row>, IQueryable<Row>>, int, ExecutionMode, bool, string?> Check)
{
    /// <summary>A terminal that ends in a query (compared as a sequence or a multiset).</summary>
    public static QueryTerminal Query<TResult>(string text, bool needsOrder, Func<IQueryable<Row>, IQueryable<TResult>> terminal) =>
        new(text, needsOrder, (oracle, data, chain, partitions, mode, checkOrder) =>
            oracle.CheckQueryCase(data, q => terminal(chain(q)), partitions, mode, checkOrder));

    /// <summary>A terminal that ends in an action (compared as one value, exceptions included).</summary>
    public static QueryTerminal Scalar<TResult>(string text, bool needsOrder, Func<IQueryable<Row>, TResult> terminal) =>
        new(text, needsOrder, (oracle, data, chain, partitions, mode, _) =>
            oracle.CheckScalarCase(data, q => terminal(chain(q)), partitions, mode));

    /// <inheritdoc />
    public override string ToString() => Text;
}
