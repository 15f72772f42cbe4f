using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Compilation;

/// <summary>
/// Generates the update, merge and evaluate code of decomposable aggregates over a <see cref="StateLayout"/>,
/// with LINQ to Objects' semantics: checked integer sums, NaN rules of Min/Max, empty-sequence errors.
/// </summary>
internal sealed class AggregateCodegen
{
    private readonly IReadOnlyList<AggregateCall> _calls;
    private readonly AggregateSpec _spec;

    public AggregateCodegen(AggregateSpec spec)
    {
        _spec = spec;
        _calls = spec.Aggregates;
    }

    public StateLayout Layout => _spec.Layout;

    /// <summary>The aggregate calls, in state order.</summary>
    public IReadOnlyList<AggregateCall> Calls => _calls;

    /// <summary>The index of the first state field of call <paramref name="call"/>.</summary>
    public int FirstField(int call) => _spec.FirstField(call);

    public Type StateType => Layout.Type;

    /// <summary>Statements folding one input row into the state (an assignable expression).</summary>
    public Expression Update(Expression state, Expression row) =>
        UpdateValues(state, i => _calls[i].Argument is null ? null : ExpressionUtil.Inline(_calls[i].Argument!, row));

    /// <summary>
    /// Statements folding one row's aggregate arguments into the state: <paramref name="argument"/> gives each call's
    /// value (a Count's predicate as a bool), or null for a plain Count.
    /// </summary>
    public Expression UpdateValues(Expression state, Func<int, Expression?> argument)
    {
        var statements = new List<Expression>();
        for (var i = 0; i < _calls.Count; i++)
        {
            var call = _calls[i];
            var f = FirstField(i);
            var input = argument(i);
            if (call.Kind is AggregateKind.Count or AggregateKind.LongCount)
            {
                var increment = Increment(Layout.Field(state, f));
                statements.Add(input is null ? increment : Expression.IfThen(input, increment));
                continue;
            }

            var value = Expression.Variable(call.Argument!.ReturnType, "v" + i);
            var underlying = Nullable.GetUnderlyingType(value.Type);
            Expression plain = underlying is null ? value : Expression.Property(value, "Value");
            var fold = Fold(call, state, f, plain);
            Expression guarded = underlying is not null ? Expression.IfThen(Expression.Property(value, "HasValue"), fold)
                : !value.Type.IsValueType ? Expression.IfThen(Expression.NotEqual(value, Expression.Constant(null, value.Type)), fold)
                : fold;
            statements.Add(Expression.Block([value], Expression.Assign(value, input!), guarded));
        }

        statements.Add(Expression.Empty());
        return Expression.Block(statements);
    }

    /// <summary>Statements merging the state <paramref name="source"/> into <paramref name="target"/>.</summary>
    public Expression Merge(Expression target, Expression source)
    {
        var statements = new List<Expression>();
        for (var i = 0; i < _calls.Count; i++)
        {
            var call = _calls[i];
            var f = FirstField(i);
            switch (call.Kind)
            {
                case AggregateKind.Count or AggregateKind.LongCount:
                    statements.Add(Expression.Assign(Layout.Field(target, f), Expression.AddChecked(Layout.Field(target, f), Layout.Field(source, f))));
                    break;
                case AggregateKind.Sum:
                    statements.Add(Expression.Assign(Layout.Field(target, f), Add(Layout.Field(target, f), Layout.Field(source, f))));
                    break;
                case AggregateKind.Average:
                    statements.Add(Expression.Assign(Layout.Field(target, f), Add(Layout.Field(target, f), Layout.Field(source, f))));
                    statements.Add(Expression.Assign(Layout.Field(target, f + 1), Expression.AddChecked(Layout.Field(target, f + 1), Layout.Field(source, f + 1))));
                    break;
                default:
                    var better = Better(call.Kind, Layout.Field(source, f + 1), Layout.Field(target, f + 1));
                    statements.Add(Expression.IfThen(
                        Expression.AndAlso(Layout.Field(source, f), Expression.OrElse(Expression.Not(Layout.Field(target, f)), better)),
                        Expression.Block(
                            Expression.Assign(Layout.Field(target, f), Expression.Constant(true)),
                            Expression.Assign(Layout.Field(target, f + 1), Layout.Field(source, f + 1)))));
                    break;
            }
        }

        statements.Add(Expression.Empty());
        return Expression.Block(statements);
    }

    /// <summary>The result value of each aggregate, as LINQ returns it.</summary>
    public Expression[] Evaluate(Expression state)
    {
        var results = new Expression[_calls.Count];
        for (var i = 0; i < _calls.Count; i++)
        {
            var call = _calls[i];
            var f = FirstField(i);
            var type = call.ResultType;
            results[i] = call.Kind switch
            {
                AggregateKind.Count => Expression.ConvertChecked(Layout.Field(state, f), typeof(int)),
                AggregateKind.LongCount => Layout.Field(state, f),
                AggregateKind.Sum => Expression.Convert(
                    Expression.ConvertChecked(Layout.Field(state, f), Nullable.GetUnderlyingType(type) ?? type), type),
                AggregateKind.Average => EvaluateAverage(call, Layout.Field(state, f), Layout.Field(state, f + 1)),
                _ => EvaluateMinMax(type, Layout.Field(state, f), Layout.Field(state, f + 1)),
            };
        }

        return results;
    }

    private Expression Fold(AggregateCall call, Expression state, int f, Expression value)
    {
        switch (call.Kind)
        {
            case AggregateKind.Sum:
                {
                    var sum = Layout.Field(state, f);
                    return Expression.Assign(sum, Add(sum, Expression.Convert(value, sum.Type)));
                }

            case AggregateKind.Average:
                {
                    var sum = Layout.Field(state, f);
                    return Expression.Block(
                        Expression.Assign(sum, Add(sum, Expression.Convert(value, sum.Type))),
                        Increment(Layout.Field(state, f + 1)));
                }

            default:
                {
                    var has = Layout.Field(state, f);
                    var current = Layout.Field(state, f + 1);
                    return Expression.IfThen(
                        Expression.OrElse(Expression.Not(has), Better(call.Kind, value, current)),
                        Expression.Block(Expression.Assign(has, Expression.Constant(true)), Expression.Assign(current, value)));
                }
        }
    }

    // Compound assignments (x += 1) reduce to a copy of a struct path and would lose the update: assign explicitly.
    private static Expression Increment(Expression field) => Expression.Assign(field, Expression.Add(field, Expression.Constant(1L)));

    private static Expression Add(Expression a, Expression b) =>
        a.Type == typeof(double) ? Expression.Add(a, b) : Expression.AddChecked(a, b);

    /// <summary>Whether <paramref name="candidate"/> replaces <paramref name="current"/> under Min or Max, NaN rules included.</summary>
    private static Expression Better(AggregateKind kind, Expression candidate, Expression current)
    {
        var type = candidate.Type;
        var isMin = kind == AggregateKind.Min;
        if (type == typeof(double) || type == typeof(float))
        {
            var isNaN = type.GetMethod(nameof(double.IsNaN), [type])!;
            return isMin
                ? Expression.OrElse(Expression.LessThan(candidate, current), Expression.Call(isNaN, candidate))
                : Expression.OrElse(Expression.GreaterThan(candidate, current), Expression.Call(isNaN, current));
        }

        // bool, char and nint are primitive but have no < in expression trees; Comparer<T>.Default orders them as LINQ does.
        if (Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.Decimal && !type.IsEnum)
        {
            return isMin ? Expression.LessThan(candidate, current) : Expression.GreaterThan(candidate, current);
        }

        var comparer = Expression.Property(null, typeof(Comparer<>).MakeGenericType(type), "Default");
        var compare = Expression.Call(comparer, comparer.Type.GetMethod("Compare", [type, type])!, candidate, current);
        return isMin ? Expression.LessThan(compare, Expression.Constant(0)) : Expression.GreaterThan(compare, Expression.Constant(0));
    }

    private static Expression EvaluateMinMax(Type resultType, Expression has, Expression value)
    {
        if (Nullable.GetUnderlyingType(resultType) is not null || !resultType.IsValueType)
        {
            return Expression.Condition(has, Expression.Convert(value, resultType), Expression.Default(resultType));
        }

        return Expression.Condition(has, value, NoElements(resultType));
    }

    private static Expression EvaluateAverage(AggregateCall call, Expression sum, Expression count)
    {
        var resultType = call.ResultType;
        var plain = Nullable.GetUnderlyingType(resultType) ?? resultType;
        Expression average = sum.Type == typeof(decimal)
            ? Expression.Divide(sum, Expression.Convert(count, typeof(decimal)))
            : Expression.Divide(Expression.Convert(sum, typeof(double)), Expression.Convert(count, typeof(double)));
        average = Expression.Convert(average, plain);
        var empty = Expression.Equal(count, Expression.Constant(0L));
        return plain == resultType
            ? Expression.Condition(empty, NoElements(resultType), average)
            : Expression.Condition(empty, Expression.Default(resultType), Expression.Convert(average, resultType));
    }

    private static Expression NoElements(Type type) =>
        Expression.Throw(
            Expression.New(typeof(InvalidOperationException).GetConstructor([typeof(string)])!, Expression.Constant("Sequence contains no elements")),
            type);
}
