using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>
/// Spark's reduceByKey instead of groupByKey: a GroupBy whose groups are only used through their key and
/// Count/LongCount/Sum/Min/Max/Average becomes an Aggregate, computed partially before the shuffle and merged after it.
/// A filter on such groups between the GroupBy and its Select (SQL's HAVING) comes along: the aggregate yields
/// (kept, value) pairs, and the value is computed only for kept groups, as LINQ computes it.
/// </summary>
internal sealed class AggregateBeforeShuffle : IOptimizerRule
{
    public string Name => nameof(AggregateBeforeShuffle);

    public LogicalNode? Apply(LogicalNode node) => node switch
    {
        ProjectNode { Child: GroupByNode { ResultSelector: null } group } project =>
            TryRewrite(group, project.Selector, keyParameter: null, groupParameter: project.Selector.Parameters[0]),
        GroupByNode { ResultSelector: { } result } group =>
            TryRewrite(group, result, keyParameter: result.Parameters[0], groupParameter: result.Parameters[1]),
        ProjectNode { Child: FilterNode { Child: GroupByNode { ResultSelector: null } group } having } project =>
            TryRewriteHaving(group, having.Predicate, project.Selector),
        _ => null,
    };

    private static LogicalNode? TryRewriteHaving(GroupByNode group, LambdaExpression predicate, LambdaExpression selector)
    {
        var groupParameter = predicate.Parameters[0];
        var key = Expression.Parameter(group.KeyType, "key");
        var collector = new AggregateCollector(group, groupParameter, keyParameter: null, key);
        var keep = collector.Visit(predicate.Body);
        var filterCalls = collector.Calls.Count;
        var value = collector.Visit(selector.Body.Replace(selector.Parameters[0], groupParameter));

        // Every group's aggregates are computed, but LINQ computes those of a dropped group only where its filter
        // reads them unconditionally: any other aggregate must not throw (a checked sum, a lambda that divides).
        if (collector.Failed || ExpressionUtil.References(keep, [groupParameter]) || ExpressionUtil.References(value, [groupParameter])
            || !ThrowsOnlyWhereRead(group, collector, keep))
        {
            return null;
        }

        var pairType = typeof(ValueTuple<,>).MakeGenericType(typeof(bool), value.Type);
        var pair = pairType.GetConstructor([typeof(bool), value.Type])!;
        var result = Expression.Condition(
            keep,
            Expression.New(pair, Expression.Constant(true), value),
            Expression.New(pair, Expression.Constant(false), Expression.Default(value.Type)));
        var aggregate = new AggregateNode(group.Child, group.KeySelector, collector.Calls, Expression.Lambda(result, [key, .. collector.Parameters]), group.Comparer);
        var row = Expression.Parameter(pairType, "having");
        return new ProjectNode(
            new FilterNode(aggregate, Expression.Lambda(Expression.Field(row, "Item1"), row)),
            Expression.Lambda(Expression.Field(row, "Item2"), row));
    }

    /// <summary>
    /// Whether folding a row into the aggregate cannot throw: its lambda cannot, and neither can its state (counts and
    /// sums of int values overflow only when their value is read; sums of long and decimal values may overflow).
    /// </summary>
    private static bool CannotThrow(AggregateCall call)
    {
        if (Throwing.MayThrow(call.Argument?.Body))
        {
            return false;
        }

        var type = call.ValueType is null ? null : Nullable.GetUnderlyingType(call.ValueType) ?? call.ValueType;
        return call.Kind is not (AggregateKind.Sum or AggregateKind.Average) || type == typeof(double) || type == typeof(float) || type == typeof(int);
    }

    /// <summary>
    /// Whether aggregating every group raises no exception that LINQ would not: the element selector (which LINQ runs
    /// for every row) may throw, and so may an aggregate that <paramref name="readByAll"/> reads whatever the row.
    /// </summary>
    private static bool ThrowsOnlyWhereRead(GroupByNode group, AggregateCollector collector, Expression readByAll)
    {
        if (Throwing.MayThrow(group.ElementSelector?.Body))
        {
            return false;
        }

        var read = UnconditionalReads.Of(readByAll);
        return collector.Calls.Select((call, i) => CannotThrow(call) || read.Contains(collector.Parameters[i])).All(ok => ok);
    }

    private static AggregateNode? TryRewrite(GroupByNode group, LambdaExpression selector, ParameterExpression? keyParameter, ParameterExpression groupParameter)
    {
        var key = Expression.Parameter(group.KeyType, "key");
        var collector = new AggregateCollector(group, groupParameter, keyParameter, key);
        var body = collector.Visit(selector.Body);
        if (collector.Failed || ExpressionUtil.References(body, [groupParameter]) || !ThrowsOnlyWhereRead(group, collector, body))
        {
            return null;
        }

        var parameters = new List<ParameterExpression> { key };
        parameters.AddRange(collector.Parameters);
        return new AggregateNode(group.Child, group.KeySelector, collector.Calls, Expression.Lambda(body, parameters), group.Comparer);
    }

    /// <summary>Replaces g.Key and aggregate calls over g by parameters, collecting the distinct aggregate calls.</summary>
    private sealed class AggregateCollector(GroupByNode group, ParameterExpression groupParameter, ParameterExpression? keyParameter, ParameterExpression key)
        : ExpressionVisitor
    {
        private readonly Dictionary<string, ParameterExpression> _byText = [];

        public List<AggregateCall> Calls { get; } = [];

        public List<ParameterExpression> Parameters { get; } = [];

        public bool Failed { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (node == keyParameter)
            {
                return key;
            }

            if (node == groupParameter)
            {
                Failed = true;
            }

            return node;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == groupParameter && node.Member.Name == "Key")
            {
                return key;
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(Enumerable) || node.Arguments.Count == 0)
            {
                return base.VisitMethodCall(node);
            }

            var source = node.Arguments[0];
            LambdaExpression? projection = null;
            if (source is MethodCallExpression { Method.Name: nameof(Enumerable.Select) } select
                && select.Method.DeclaringType == typeof(Enumerable)
                && select.Arguments[0] == groupParameter
                && select.Arguments[1] is LambdaExpression { Parameters.Count: 1 } selectLambda)
            {
                projection = selectLambda;
                source = groupParameter;
            }

            if (source != groupParameter || !TryMakeCall(node, projection, out var call))
            {
                return base.VisitMethodCall(node);
            }

            var text = call.Describe();
            if (!_byText.TryGetValue(text, out var parameter))
            {
                parameter = Expression.Parameter(call.ResultType, $"agg{Calls.Count}");
                _byText[text] = parameter;
                Calls.Add(call);
                Parameters.Add(parameter);
            }

            return parameter;
        }

        private bool TryMakeCall(MethodCallExpression node, LambdaExpression? projection, out AggregateCall call)
        {
            call = null!;
            var name = node.Method.Name;
            var lambda = node.Arguments.Count == 2 ? node.Arguments[1] as LambdaExpression : null;
            if (node.Arguments.Count > 2 || (node.Arguments.Count == 2 && lambda is null))
            {
                return false;
            }

            // The element a group holds, as a function of the source row.
            var element = group.ElementSelector ?? ExpressionUtil.Identity(group.Child.ElementType);
            if (projection is not null)
            {
                if (lambda is not null)
                {
                    return false;
                }

                element = ExpressionUtil.Compose(element, projection);
            }

            var argument = lambda is null ? element : ExpressionUtil.Compose(element, lambda);
            switch (name)
            {
                case nameof(Enumerable.Count):
                case nameof(Enumerable.LongCount):
                    call = new AggregateCall(
                        name == nameof(Enumerable.Count) ? AggregateKind.Count : AggregateKind.LongCount,
                        lambda is null ? null : argument,
                        node.Type);
                    return true;
                case nameof(Enumerable.Sum):
                case nameof(Enumerable.Min):
                case nameof(Enumerable.Max):
                case nameof(Enumerable.Average):
                    call = new AggregateCall(Enum.Parse<AggregateKind>(name), argument, node.Type);
                    return argument.ReturnType == node.Type || name == nameof(Enumerable.Average);
                default:
                    return false;
            }
        }
    }
}
