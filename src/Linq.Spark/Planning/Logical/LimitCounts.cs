using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Expressions over Skip/Take counts with LINQ's rules: a negative count is zero, and skip + take saturates.</summary>
internal static class LimitCounts
{
    /// <summary>skip + take as LINQ counts them (Skip(skip).Take(take) reads that many leading rows; Skip(a).Skip(b) skips that many): negatives as zero, at most int.MaxValue.</summary>
    public static Expression Prefix(Expression? skip, Expression take)
    {
        if (skip is null)
        {
            return take;
        }

        var sum = Expression.Add(NonNegative(skip), NonNegative(take));
        return Expression.Convert(Expression.Call(typeof(Math), nameof(Math.Min), null, sum, Expression.Constant((long)int.MaxValue)), typeof(int));
    }

    private static Expression NonNegative(Expression count) =>
        Expression.Call(typeof(Math), nameof(Math.Max), null, Expression.Convert(count, typeof(long)), Expression.Constant(0L));
}
