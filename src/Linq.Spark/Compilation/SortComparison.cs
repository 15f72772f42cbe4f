using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Compilation;

/// <summary>Compiles OrderBy/ThenBy keys into one Comparison over rows (Comparer&lt;TKey&gt;.Default unless a comparer is given).</summary>
internal static class SortComparison
{
    public static Func<object?[], Comparison<T>> Compile<T>(IReadOnlyList<SortKey> keys, IReadOnlyList<ParameterExpression> slots)
    {
        var a = Expression.Parameter(typeof(T), "a");
        var b = Expression.Parameter(typeof(T), "b");
        var result = Expression.Variable(typeof(int), "c");
        var ret = Expression.Label(typeof(int), "ret");
        var statements = new List<Expression>();
        foreach (var key in keys)
        {
            var keyType = key.Selector.ReturnType;
            var comparerType = typeof(IComparer<>).MakeGenericType(keyType);
            var fallback = Expression.Convert(Expression.Property(null, typeof(Comparer<>).MakeGenericType(keyType), "Default"), comparerType);
            Expression comparer = key.Comparer is null ? fallback : Expression.Coalesce(Expression.Convert(key.Comparer, comparerType), fallback);
            var compare = Expression.Call(
                comparer,
                comparerType.GetMethod("Compare")!,
                ExpressionUtil.Inline(key.Selector, a),
                ExpressionUtil.Inline(key.Selector, b));
            statements.Add(Expression.Assign(result, compare));
            statements.Add(Expression.IfThen(
                Expression.NotEqual(result, Expression.Constant(0)),
                Expression.Return(ret, key.Descending ? Expression.Negate(result) : result)));
        }

        statements.Add(Expression.Label(ret, Expression.Constant(0)));
        var lambda = Expression.Lambda<Comparison<T>>(Expression.Block([result], statements), a, b);
        return SlotBinder.Compile<Comparison<T>>(lambda, slots);
    }
}
