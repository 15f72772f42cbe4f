using System.Linq.Expressions;

namespace Linq.Spark.Compilation.Vectorization;

/// <summary>The loop over the selected lanes of one eight-row step: the body runs for each lane whose bit is set.</summary>
internal static class LaneLoop
{
    public static Expression ForEachSelected(Expression bits, Func<ParameterExpression, Expression> body)
    {
        var lane = Expression.Variable(typeof(int), "lane");
        var done = Expression.Label("lanes");
        return Expression.Block(
            [lane],
            Expression.Assign(lane, Expression.Constant(0)),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(lane, Expression.Constant(Lanes.Width)),
                    Expression.Block(
                        Expression.IfThen(
                            Expression.NotEqual(Expression.And(Expression.RightShift(bits, lane), Expression.Constant(1u)), Expression.Constant(0u)),
                            body(lane)),
                        Expression.PreIncrementAssign(lane)),
                    Expression.Break(done)),
                done));
    }
}
