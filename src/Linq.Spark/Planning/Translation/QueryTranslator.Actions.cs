using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Translation;

internal sealed partial class QueryTranslator
{
    private TranslatedQuery TranslateAction(MethodCallExpression call)
    {
        call = WithoutUnreadSource(call);
        var name = call.Method.Name;
        var args = call.Arguments;
        var source = TranslateSequence(args[0]);
        var elementType = source.ElementType;
        var hasPredicate = args.Count > 1 && IsLambda(args[1], 1);

        switch (name)
        {
            case nameof(Queryable.Count):
            case nameof(Queryable.LongCount):
                {
                    var kind = name == nameof(Queryable.Count) ? AggregateKind.Count : AggregateKind.LongCount;
                    var predicate = hasPredicate ? CheckLambda(Lambda(args[1])) : null;
                    return GlobalAggregate(source, new AggregateCall(kind, predicate, call.Type), name);
                }

            case nameof(Queryable.Sum):
            case nameof(Queryable.Average):
            case nameof(Queryable.Min) when args.Count <= 2 && IsAggregatable(call, hasPredicate):
            case nameof(Queryable.Max) when args.Count <= 2 && IsAggregatable(call, hasPredicate):
                {
                    var selector = hasPredicate ? CheckLambda(Lambda(args[1])) : ExpressionUtil.Identity(elementType);
                    var kind = Enum.Parse<AggregateKind>(name);
                    return GlobalAggregate(source, new AggregateCall(kind, selector, call.Type), name);
                }

            case nameof(Queryable.All):
                {
                    // All(p) == !Any(!p): each task stops at its first counterexample.
                    var predicate = CheckLambda(Lambda(args[1]));
                    var negated = Expression.Lambda(Expression.Not(predicate.Body), predicate.Parameters);
                    var any = FinisherOf(elementType, rows => Expression.Not(CallEnumerable(nameof(Enumerable.Any), elementType, rows)));
                    return new TranslatedQuery(new FilterNode(source, negated), any, Expression.Constant(1), false, name);
                }

            case nameof(Queryable.Contains):
                {
                    var x = Expression.Parameter(elementType, "x");
                    var comparerType = typeof(IEqualityComparer<>).MakeGenericType(elementType);
                    var fallback = Expression.Convert(Expression.Property(null, typeof(EqualityComparer<>).MakeGenericType(elementType), "Default"), comparerType);
                    var given = OptionalArgument(args, 2);
                    Expression comparer = given is null ? fallback : Expression.Coalesce(Expression.Convert(given, comparerType), fallback);
                    var equals = Expression.Call(
                        comparer,
                        comparerType.GetMethod(nameof(IEqualityComparer<int>.Equals))!,
                        x,
                        args[1]);
                    var any = FinisherOf(elementType, rows => CallEnumerable(nameof(Enumerable.Any), elementType, rows));
                    return new TranslatedQuery(new FilterNode(source, Expression.Lambda(equals, x)), any, Expression.Constant(1), false, name);
                }
        }

        // First/Last/Single/ElementAt/Any with a predicate are a Where followed by the predicate-free action.
        if (hasPredicate && name is nameof(Queryable.Any) or nameof(Queryable.First) or nameof(Queryable.FirstOrDefault)
            or nameof(Queryable.Last) or nameof(Queryable.LastOrDefault) or nameof(Queryable.Single) or nameof(Queryable.SingleOrDefault))
        {
            source = new FilterNode(source, CheckLambda(Lambda(args[1])));
            var rest = args.Skip(2).ToArray();
            var plain = FindPlainOverload(call, rest);
            call = Expression.Call(plain, [args[0], .. rest]);
        }

        Expression? localLimit = call.Method.Name switch
        {
            nameof(Queryable.Any) or nameof(Queryable.First) or nameof(Queryable.FirstOrDefault) => Expression.Constant(1),
            nameof(Queryable.Single) or nameof(Queryable.SingleOrDefault) => Expression.Constant(2),
            nameof(Queryable.ElementAt) or nameof(Queryable.ElementAtOrDefault) when call.Arguments[1].Type == typeof(int) =>
                Expression.Add(Expression.Condition(
                    Expression.LessThan(call.Arguments[1], Expression.Constant(0)), Expression.Constant(0), call.Arguments[1]),
                    Expression.Constant(1)),
            _ => null,
        };
        var lastOnly = call.Method.Name is nameof(Queryable.Last) or nameof(Queryable.LastOrDefault);
        foreach (var argument in call.Arguments.Skip(1).Where(a => a.NodeType == ExpressionType.Quote))
        {
            CheckLambda(Lambda(argument));
        }

        // LINQ applies the projections above an element action to the chosen element only (Select(f).Last() calls f
        // once): the tasks send the rows before those projections, and the driver projects through LINQ itself.
        var projection = call.Arguments.Count <= 2 && call.Method.Name is nameof(Queryable.First) or nameof(Queryable.FirstOrDefault)
            or nameof(Queryable.Last) or nameof(Queryable.LastOrDefault) or nameof(Queryable.ElementAt) or nameof(Queryable.ElementAtOrDefault)
            ? PeelProjections(ref source)
            : null;
        var rowsParameter = Expression.Parameter(typeof(IEnumerable<>).MakeGenericType(source.ElementType), "rows");
        Expression rows = projection is null
            ? rowsParameter
            : Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [source.ElementType, elementType], rowsParameter, projection);
        var finisher = Expression.Lambda(EnumerableMethodMapper.Rewrite(call, rows), rowsParameter);
        return new TranslatedQuery(source, finisher, localLimit, lastOnly, call.Method.Name);
    }

    /// <summary>
    /// An action LINQ answers from a prepended or appended element alone (<c>Prepend(x).First()</c>,
    /// <c>Append(x).Last()</c>, <c>Prepend(x).Any()</c>) reads nothing of the sequence beneath that element, so none of its
    /// lambdas run: the sequence becomes <c>Take(0)</c> of itself, which is planned as reading nothing.
    /// </summary>
    private static MethodCallExpression WithoutUnreadSource(MethodCallExpression call)
    {
        var takesEnd = call.Method.Name switch
        {
            nameof(Queryable.First) or nameof(Queryable.FirstOrDefault) or nameof(Queryable.Any) when call.Arguments.Count == 1 => "Prepend",
            nameof(Queryable.ElementAt) or nameof(Queryable.ElementAtOrDefault) when call.Arguments[1] is ConstantExpression { Value: 0 } => "Prepend",
            nameof(Queryable.Last) or nameof(Queryable.LastOrDefault) when call.Arguments.Count == 1 => "Append",
            _ => null,
        };
        if (takesEnd is null || !IsQueryable(call.Arguments[0], takesEnd, out var added)
            || (takesEnd == "Append" && (IsQueryable(added.Arguments[0], "Append", out _) || IsQueryable(added.Arguments[0], "Prepend", out _))))
        {
            // LINQ to Objects answers Last from an appended element only when it is the one element added: over a chain
            // of Append and Prepend calls it reads the sequence.
            return call;
        }

        var unread = Expression.Call(typeof(Queryable), nameof(Queryable.Take), [added.Method.GetGenericArguments()[0]], added.Arguments[0], Expression.Constant(0));
        return call.Update(call.Object, [added.Update(added.Object, [unread, added.Arguments[1]]), .. call.Arguments.Skip(1)]);
    }

    private static bool IsQueryable(Expression expression, string name, out MethodCallExpression call)
    {
        call = (expression as MethodCallExpression)!;
        return call is not null && call.Method.Name == name && call.Method.DeclaringType == typeof(Queryable);
    }

    /// <summary>Removes the projections at the top of <paramref name="source"/> and returns them as one selector, or null when there are none.</summary>
    private static LambdaExpression? PeelProjections(ref LogicalNode source)
    {
        LambdaExpression? projection = null;
        while (source is ProjectNode project)
        {
            projection = projection is null ? project.Selector : ExpressionUtil.Compose(project.Selector, projection);
            source = project.Child;
        }

        return projection;
    }

    /// <summary>Min/Max without a comparer over a type LINQ compares with Comparer&lt;T&gt;.Default.</summary>
    private static bool IsAggregatable(MethodCallExpression call, bool hasSelector) =>
        call.Arguments.Count == (hasSelector ? 2 : 1);

    private static TranslatedQuery GlobalAggregate(LogicalNode source, AggregateCall aggregate, string name)
    {
        var value = Expression.Parameter(aggregate.ResultType, "value");
        var node = new AggregateNode(source, null, [aggregate], Expression.Lambda(value, value), null);
        var finisher = FinisherOf(aggregate.ResultType, rows => CallEnumerable(nameof(Enumerable.First), aggregate.ResultType, rows));
        return new TranslatedQuery(node, finisher, null, false, name);
    }

    private static LambdaExpression FinisherOf(Type elementType, Func<Expression, Expression> body)
    {
        var rows = Expression.Parameter(typeof(IEnumerable<>).MakeGenericType(elementType), "rows");
        return Expression.Lambda(body(rows), rows);
    }

    private static Expression CallEnumerable(string name, Type elementType, Expression rows) =>
        Expression.Call(typeof(Enumerable), name, [elementType], rows);

    private static System.Reflection.MethodInfo FindPlainOverload(MethodCallExpression call, Expression[] rest)
    {
        var definition = typeof(Queryable).GetMethods().Single(m =>
            m.Name == call.Method.Name
            && m.GetParameters().Length == rest.Length + 1
            && m.GetParameters().Skip(1).Zip(rest).All(p => p.First.ParameterType.IsGenericParameter || p.First.ParameterType == p.Second.Type)
            && (rest.Length == 0 || !typeof(Expression).IsAssignableFrom(m.GetParameters()[1].ParameterType)));
        return definition.MakeGenericMethod(call.Method.GetGenericArguments());
    }
}
