using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Prints keys for plans and compares them structurally (same text over the same input type).</summary>
internal static class KeyText
{
    public static string Of(LambdaExpression key) => key.Body.ToString();

    public static bool Same(LambdaExpression a, LambdaExpression b) =>
        ReferenceEquals(a, b) || (a.Parameters[0].Type == b.Parameters[0].Type && a.ReturnType == b.ReturnType && Of(a) == Of(b));

    public static bool Same(Expression? a, Expression? b) => ReferenceEquals(a, b);

    public static bool Same(IReadOnlyList<SortKey> a, IReadOnlyList<SortKey> b) =>
        a.Count == b.Count && a.Zip(b).All(p => Same(p.First.Selector, p.Second.Selector) && p.First.Descending == p.Second.Descending
            && ReferenceEquals(p.First.Comparer, p.Second.Comparer));
}
