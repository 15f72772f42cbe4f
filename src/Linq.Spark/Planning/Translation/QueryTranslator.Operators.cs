using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Sources;

namespace Linq.Spark.Planning.Translation;

internal sealed partial class QueryTranslator
{
    private LogicalNode TranslateOperator(MethodCallExpression call)
    {
        var args = call.Arguments;
        switch (call.Method.Name)
        {
            case nameof(Queryable.Distinct) or nameof(Queryable.DistinctBy) or nameof(Queryable.Union) or nameof(Queryable.UnionBy)
                or nameof(Queryable.Intersect) or nameof(Queryable.IntersectBy) or nameof(Queryable.Except) or nameof(Queryable.ExceptBy) when _setsInOrder:
                return TranslateSequential(call);
            case nameof(Queryable.Where) when IsLambda(args[1], 1):
                return new FilterNode(TranslateSequence(args[0]), CheckLambda(Lambda(args[1])));
            case nameof(Queryable.Select) when IsLambda(args[1], 1):
                return new ProjectNode(TranslateSequence(args[0]), CheckLambda(Lambda(args[1])));
            case nameof(Queryable.SelectMany) when IsLambda(args[1], 1):
                return new FlatMapNode(
                    TranslateSequence(args[0]),
                    CheckLambda(Lambda(args[1])),
                    args.Count > 2 ? CheckLambda(Lambda(args[2])) : null);
            case nameof(Queryable.Cast):
                return TranslateCast(TranslateSequence(args[0]), call.Method.GetGenericArguments()[0], filter: false);
            case nameof(Queryable.OfType):
                return TranslateCast(TranslateSequence(args[0]), call.Method.GetGenericArguments()[0], filter: true);
            case nameof(Queryable.Concat):
                return new ConcatNode(TranslateSequence(args[0]), TranslateSequence(args[1]));
            case nameof(Queryable.Append):
            case nameof(Queryable.Prepend):
                return new AppendNode(TranslateSequence(args[0]), args[1], call.Method.Name == nameof(Queryable.Prepend));
            case nameof(Queryable.Join):
                return TranslateJoin(call, JoinKind.Inner);
            case nameof(Queryable.GroupJoin):
                return TranslateJoin(call, JoinKind.Group);
            case "LeftJoin":
                return TranslateJoin(call, JoinKind.Left);
            case "RightJoin":
                return TranslateJoin(call, JoinKind.Right);
            case nameof(Queryable.GroupBy):
                return TranslateGroupBy(call);
            case "CountBy":
                return TranslateCountBy(call);
            case "AggregateBy":
                return TranslateAggregateBy(call);
            case nameof(Queryable.Distinct):
                return new DistinctNode(TranslateSequence(args[0]), ExpressionUtil.Identity(call.Method.GetGenericArguments()[0]), OptionalArgument(args, 1));
            case nameof(Queryable.DistinctBy):
                return new DistinctNode(TranslateSequence(args[0]), CheckLambda(Lambda(args[1])), OptionalArgument(args, 2));
            case nameof(Queryable.Union):
                return TranslateSetOperation(call, SetOperationKind.Union, byKey: false);
            case nameof(Queryable.UnionBy):
                return TranslateSetOperation(call, SetOperationKind.Union, byKey: true);
            case nameof(Queryable.Intersect):
                return TranslateSetOperation(call, SetOperationKind.Intersect, byKey: false);
            case nameof(Queryable.IntersectBy):
                return TranslateSetOperation(call, SetOperationKind.Intersect, byKey: true);
            case nameof(Queryable.Except):
                return TranslateSetOperation(call, SetOperationKind.Except, byKey: false);
            case nameof(Queryable.ExceptBy):
                return TranslateSetOperation(call, SetOperationKind.Except, byKey: true);
            case nameof(Queryable.OrderBy):
            case nameof(Queryable.OrderByDescending):
            case "Order":
            case "OrderDescending":
            case nameof(Queryable.ThenBy):
            case nameof(Queryable.ThenByDescending):
                return TranslateOrderBy(call);
            case nameof(Queryable.Take) or "TakeLast" or nameof(Queryable.Skip) when args[1].Type == typeof(int) && ReadsNothing(call):
                // LINQ returns an empty sequence for these without reading the source (so none of its lambdas run, and
                // none of their errors are raised).
                return new SequentialNode([], Expression.Call(typeof(Enumerable), nameof(Enumerable.Empty), [call.Method.GetGenericArguments()[0]]), [], $"{call.Method.Name}(reads nothing)");
            case nameof(Queryable.Take) when args[1].Type == typeof(int):
                return BelowProjectionsOfOrderedRows(TranslateSequence(args[0]), rows => new LimitNode(rows, null, args[1]));
            case nameof(Queryable.Skip) when args[1].Type == typeof(int):
                return BelowProjectionsOfOrderedRows(TranslateSequence(args[0]), rows => TranslateSkip(rows, args[1]));
            default:
                return TranslateSequential(call);
        }
    }

    /// <summary>CountBy and AggregateBy refuse null keys, as LINQ to Objects does.</summary>
    private static LambdaExpression RequireKey(LambdaExpression key) =>
        key.ReturnType.IsValueType && Nullable.GetUnderlyingType(key.ReturnType) is null
            ? key
            : Expression.Lambda(
                Expression.Call(typeof(SparkOperators).GetMethod(nameof(SparkOperators.RequireKey))!.MakeGenericMethod(key.ReturnType), key.Body),
                key.Parameters);

    /// <summary>An optional argument (a comparer), or null when absent or a literal null.</summary>
    private static Expression? OptionalArgument(IReadOnlyList<Expression> args, int index) =>
        index < args.Count && args[index] is not ConstantExpression { Value: null } ? args[index] : null;

    /// <summary>
    /// A limit over <paramref name="source"/>. LINQ's Skip and Take over sorted rows (OrderBy, and Select, Skip and
    /// Take over them) apply a Select's lambda only to the rows they keep, so over such rows the limit goes below the
    /// projections — which is also less work. Over other rows LINQ runs the lambda on every row pulled, and so do we.
    /// </summary>
    private static LogicalNode BelowProjectionsOfOrderedRows(LogicalNode source, Func<LogicalNode, LogicalNode> limit)
    {
        var projections = new List<ProjectNode>();
        var below = source;
        while (below is ProjectNode project)
        {
            projections.Add(project);
            below = project.Child;
        }

        if (projections.Count == 0 || !IsSortedRows(below))
        {
            return limit(source);
        }

        var node = limit(below);
        for (var i = projections.Count - 1; i >= 0; i--)
        {
            node = projections[i].WithChild(node);
        }

        return node;
    }

    private static bool IsSortedRows(LogicalNode node) => node switch
    {
        SortNode => true,
        LimitNode limit => IsSortedRows(limit.Child),
        ProjectNode project => IsSortedRows(project.Child),
        _ => false,
    };

    private static LogicalNode TranslateSkip(LogicalNode source, Expression count) =>
        source is LimitNode { Take: null } inner
            ? new LimitNode(inner.Child, LimitCounts.Prefix(inner.Skip, count), null)
            : new LimitNode(source, count, null);

    private static LogicalNode TranslateCast(LogicalNode source, Type target, bool filter)
    {
        var x = Expression.Parameter(source.ElementType, "x");
        var boxed = Expression.Convert(x, typeof(object));
        if (filter)
        {
            source = new FilterNode(source, Expression.Lambda(Expression.TypeIs(boxed, target), x));
        }

        var cast = filter
            ? (Expression)Expression.Convert(boxed, target)
            : Expression.Call(typeof(SparkOperators).GetMethod(nameof(SparkOperators.CastElement))!.MakeGenericMethod(target), boxed);
        return new ProjectNode(source, Expression.Lambda(cast, x));
    }

    private LogicalNode TranslateJoin(MethodCallExpression call, JoinKind kind)
    {
        var args = call.Arguments;
        return new JoinNode(
            kind,
            TranslateSequence(args[0]),
            TranslateSequence(args[1]),
            CheckLambda(Lambda(args[2])),
            CheckLambda(Lambda(args[3])),
            CheckLambda(Lambda(args[4])),
            OptionalArgument(args, 5));
    }

    private LogicalNode TranslateGroupBy(MethodCallExpression call)
    {
        var args = call.Arguments;
        var source = TranslateSequence(args[0]);
        var key = CheckLambda(Lambda(args[1]));
        LambdaExpression? element = null;
        LambdaExpression? result = null;
        Expression? comparer = null;
        for (var i = 2; i < args.Count; i++)
        {
            if (IsLambda(args[i], 1))
            {
                element = CheckLambda(Lambda(args[i]));
            }
            else if (IsLambda(args[i], 2))
            {
                result = CheckLambda(Lambda(args[i]));
            }
            else
            {
                comparer = OptionalArgument(args, i);
            }
        }

        return new GroupByNode(source, key, element, result, comparer);
    }

    private LogicalNode TranslateCountBy(MethodCallExpression call)
    {
        var source = TranslateSequence(call.Arguments[0]);
        var key = RequireKey(CheckLambda(Lambda(call.Arguments[1])));
        var k = Expression.Parameter(key.ReturnType, "key");
        var count = Expression.Parameter(typeof(int), "count");
        var pair = typeof(KeyValuePair<,>).MakeGenericType(key.ReturnType, typeof(int));
        var result = Expression.Lambda(Expression.New(pair.GetConstructor([key.ReturnType, typeof(int)])!, k, count), k, count);
        return new AggregateNode(
            source,
            key,
            [new AggregateCall(AggregateKind.Count, null, typeof(int))],
            result,
            OptionalArgument(call.Arguments, 2));
    }

    /// <summary>AggregateBy folds each key's elements in order: a materializing group whose result runs the fold.</summary>
    private LogicalNode TranslateAggregateBy(MethodCallExpression call)
    {
        var args = call.Arguments;
        var source = TranslateSequence(args[0]);
        var key = RequireKey(CheckLambda(Lambda(args[1])));
        var func = CheckLambda(Lambda(args[3]));
        var accumulateType = func.ReturnType;
        var k = Expression.Parameter(key.ReturnType, "key");
        var elements = Expression.Parameter(typeof(IEnumerable<>).MakeGenericType(source.ElementType), "elements");
        var seed = args[2].NodeType == ExpressionType.Quote ? ExpressionUtil.Inline(Lambda(args[2]), k) : args[2];
        var aggregate = typeof(Enumerable).GetMethods()
            .Single(m => m.Name == nameof(Enumerable.Aggregate) && m.GetParameters().Length == 3)
            .MakeGenericMethod(source.ElementType, accumulateType);
        var pair = typeof(KeyValuePair<,>).MakeGenericType(key.ReturnType, accumulateType);
        var body = Expression.New(pair.GetConstructor([key.ReturnType, accumulateType])!, k, Expression.Call(aggregate, elements, seed, func));
        return new GroupByNode(source, key, null, Expression.Lambda(body, k, elements), OptionalArgument(args, 4));
    }

    private LogicalNode TranslateSetOperation(MethodCallExpression call, SetOperationKind kind, bool byKey)
    {
        var args = call.Arguments;
        var left = TranslateSequence(args[0]);
        var right = TranslateSequence(args[1]);
        var leftKey = byKey ? CheckLambda(Lambda(args[2])) : ExpressionUtil.Identity(left.ElementType);
        var rightKey = kind == SetOperationKind.Union && byKey ? leftKey : ExpressionUtil.Identity(right.ElementType);
        var comparerIndex = byKey ? 3 : 2;
        return new SetOperationNode(kind, left, right, leftKey, rightKey, OptionalArgument(args, comparerIndex));
    }

    private LogicalNode TranslateOrderBy(MethodCallExpression call)
    {
        var args = call.Arguments;
        var name = call.Method.Name;
        var descending = name.EndsWith("Descending", StringComparison.Ordinal);
        var isElementOrder = name is "Order" or "OrderDescending";
        var key = isElementOrder ? ExpressionUtil.Identity(call.Method.GetGenericArguments()[0]) : CheckLambda(Lambda(args[1]));
        var comparerIndex = isElementOrder ? 1 : 2;
        var sortKey = new SortKey(key, descending, OptionalArgument(args, comparerIndex));
        var source = TranslateSequence(args[0]);
        if (name.StartsWith("ThenBy", StringComparison.Ordinal))
        {
            if (source is not SortNode sort)
            {
                throw Unsupported(name + " without a preceding OrderBy", call);
            }

            return new SortNode(sort.Child, [.. sort.Keys, sortKey]);
        }

        return new SortNode(source, [sortKey]);
    }

    /// <summary>Order-dependent operators with no partitioned form run over all rows on one partition.</summary>
    private LogicalNode TranslateSequential(MethodCallExpression call)
    {
        if (EnumerableMethodMapper.Map(call.Method) is null || !IsSequence(call))
        {
            throw Unsupported($"the operator {call.Method.Name}", call);
        }

        // Every sequence argument (Zip's second source) becomes an input of the node, so that no task ever
        // enumerates a query and waits for a job of its own (with one executor thread, it would wait forever).
        var inputs = new List<LogicalNode>();
        var parameters = new List<ParameterExpression>();
        var arguments = new Expression[call.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = call.Arguments[i];
            if (i == 0 || IsSequence(argument) && IsSparkSequence(argument))
            {
                var input = TranslateSequence(argument);
                var rows = Expression.Parameter(typeof(IEnumerable<>).MakeGenericType(input.ElementType), $"rows{inputs.Count}");
                inputs.Add(input);
                parameters.Add(rows);
                arguments[i] = i == 0 ? argument : rows;
                continue;
            }

            if (argument.NodeType == ExpressionType.Quote)
            {
                CheckLambda(Lambda(argument));
            }

            arguments[i] = argument;
        }

        var body = EnumerableMethodMapper.Rewrite(call.Update(call.Object, arguments), parameters[0]);
        return new SequentialNode(inputs, body, parameters, call.Method.Name);
    }

    /// <summary>Whether a sequence argument is a Linq.Spark query (a source or operators over one), not a local collection.</summary>
    private bool IsSparkSequence(Expression argument) => argument switch
    {
        ParameterExpression slot => _parameters.IndexOf(slot) is >= 0 and var index && _parameters.Values[index] is ISparkQuery,
        MethodCallExpression call => call.Method.DeclaringType == typeof(Queryable) || call.Method.DeclaringType == typeof(SparkOperators),
        _ => false,
    };

    /// <summary>Refuses lambdas that would start a Linq.Spark job from inside a task (a nested query).</summary>
    private LambdaExpression CheckLambda(LambdaExpression lambda)
    {
        new NestedQueryFinder(this, lambda).Visit(lambda.Body);
        return lambda;
    }

    private sealed class NestedQueryFinder(QueryTranslator translator, LambdaExpression lambda) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            var index = translator._parameters.IndexOf(node);
            if (index >= 0 && translator._parameters.Values[index] is ISparkQuery)
            {
                throw new NotSupportedException(
                    $"A Linq.Spark query ({node.Name}) is used inside the lambda {lambda}; that would start a job from every task. " +
                    "Use a Join, GroupJoin or SelectMany over the queries instead, or collect the small side first.");
            }

            return node;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(Queryable) && node.Arguments.Count > 0)
            {
                throw new NotSupportedException(
                    $"A nested query ({node.Method.Name}) inside the lambda {lambda} is not supported; use a Join or GroupJoin.");
            }

            return base.VisitMethodCall(node);
        }
    }
}
