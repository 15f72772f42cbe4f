using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>One OrderBy/ThenBy level: the key, its direction and an optional IComparer.</summary>
internal sealed record SortKey(LambdaExpression Selector, bool Descending, Expression? Comparer)
{
    public override string ToString() => $"{Selector.Body} {(Descending ? "DESC" : "ASC")}";
}
