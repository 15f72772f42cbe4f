using System.Linq.Expressions;
using System.Reflection;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>
/// Narrows each join input to the members its key and the result selector read (column pruning through a join):
/// <c>join o in orders on c.CustKey equals o.CustKey into g select g.Count()</c> builds its side from the order keys
/// alone, not from whole orders. A side is narrowed only when its row is read through plain members (fields and
/// auto-properties, which cannot throw), its key reads a member of every row (so a null row fails in the key, as in
/// LINQ), its rows are never null-extended, and a group is used only as the source of Enumerable calls. A
/// <c>Broadcast()</c> hint stays above the projection, so the narrowed rows are what is broadcast.
/// </summary>
internal sealed class PruneJoinInputs : IOptimizerRule
{
    public string Name => nameof(PruneJoinInputs);

    public LogicalNode? Apply(LogicalNode node)
    {
        if (node is not JoinNode join)
        {
            return null;
        }

        var result = join.ResultSelector;
        var left = join.Kind is JoinKind.Right ? null : Narrow(join.Left, join.LeftKey, result, 0, grouped: false);
        // An existence join's result never sees a right row (its second parameter is the match flag): only the key reads it.
        var right = join.Kind is JoinKind.Left ? null
            : Narrow(join.Right, join.RightKey, left?.Result ?? result, join.Kind.IsExistence() ? -1 : 1, grouped: join.Kind is JoinKind.Group);
        if (left is null && right is null)
        {
            return null;
        }

        return new JoinNode(
            join.Kind,
            left?.Input ?? join.Left,
            right?.Input ?? join.Right,
            left?.Key ?? join.LeftKey,
            right?.Key ?? join.RightKey,
            right?.Result ?? left!.Result,
            join.Comparer);
    }

    /// <summary>One side narrowed: its projected input, its key over the projection, and the rewritten result selector.</summary>
    private sealed record NarrowedSide(LogicalNode Input, LambdaExpression Key, LambdaExpression Result);

    /// <summary>Side <paramref name="index"/> (0 left, 1 right; -1 for a side only its key reads) narrowed to the members read, or null.</summary>
    private static NarrowedSide? Narrow(LogicalNode input, LambdaExpression key, LambdaExpression result, int index, bool grouped)
    {
        var row = key.Parameters[0];
        var rowType = row.Type;
        if (!FailsOnNullRow(key.Body, row))
        {
            return null;
        }

        var reads = new MemberReads(rowType);
        var resultParameter = index < 0 ? null : result.Parameters[index];
        if (!reads.Collect(key.Body, row)
            || (resultParameter is not null && !(grouped ? reads.CollectGroup(result.Body, resultParameter) : reads.Collect(result.Body, resultParameter)))
            || reads.Members.Count == 0 || reads.Members.Count >= ReadableMemberCount(rowType))
        {
            return null;
        }

        var members = reads.Members;
        var source = Expression.Parameter(rowType, row.Name);
        var values = members.Select(m => (Expression)Expression.MakeMemberAccess(source, m)).ToArray();
        var projection = values.Length == 1 ? values[0] : ValueTuples.New(values);
        var narrowedKey = Expression.Parameter(projection.Type, members.Count == 1 ? members[0].Name : row.Name);
        var newKey = Expression.Lambda(new NarrowingRewriter(rowType, members, row, narrowedKey).Visit(key.Body), narrowedKey);

        if (resultParameter is null)
        {
            return new NarrowedSide(Project(input, projection, source), newKey, result);
        }

        var parameters = result.Parameters.ToArray();
        parameters[index] = grouped
            ? Expression.Parameter(typeof(IEnumerable<>).MakeGenericType(projection.Type), resultParameter.Name)
            : Expression.Parameter(projection.Type, members.Count == 1 ? members[0].Name : resultParameter.Name);
        var body = new NarrowingRewriter(rowType, members, resultParameter, parameters[index], grouped).Visit(result.Body);
        return new NarrowedSide(Project(input, projection, source), newKey, Expression.Lambda(body, parameters));
    }

    /// <summary>The side's input projected to the members read; a <c>Broadcast()</c> hint stays on top.</summary>
    private static LogicalNode Project(LogicalNode input, Expression projection, ParameterExpression source) =>
        input is BroadcastNode broadcast
            ? broadcast.WithChild(new ProjectNode(broadcast.Child, Expression.Lambda(projection, source)))
            : new ProjectNode(input, Expression.Lambda(projection, source));

    /// <summary>Whether the key reads a member of its row before anything else, so a null row throws there.</summary>
    private static bool FailsOnNullRow(Expression key, ParameterExpression row)
    {
        if (row.Type.IsValueType)
        {
            return true;
        }

        var first = key is NewExpression { Arguments.Count: > 0 } tuple ? tuple.Arguments[0] : key;
        while (first is UnaryExpression { NodeType: ExpressionType.Convert } convert)
        {
            first = convert.Operand;
        }

        return first is MemberExpression { Expression: var target } && target == row;
    }

    private static int ReadableMemberCount(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Instance).Length
        + type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Count(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0);

    /// <summary>
    /// The plain members of one row type that expressions read; fails (Collect returns false) when a row is used in
    /// any other way: passed whole, compared, or read through a member that is not plain data.
    /// </summary>
    private sealed class MemberReads(Type rowType) : ExpressionVisitor
    {
        private readonly List<MemberInfo> _members = [];
        private readonly HashSet<ParameterExpression> _rows = [];
        private ParameterExpression? _group;
        private bool _failed;

        public IReadOnlyList<MemberInfo> Members => _members;

        /// <summary>Records the members read of <paramref name="row"/> in <paramref name="body"/>.</summary>
        public bool Collect(Expression body, ParameterExpression row)
        {
            _rows.Add(row);
            Visit(body);
            return !_failed;
        }

        /// <summary>Records the members read of the rows of <paramref name="group"/>, used only as Enumerable calls' source.</summary>
        public bool CollectGroup(Expression body, ParameterExpression group)
        {
            _group = group;
            Visit(body);
            return !_failed;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is ParameterExpression row && _rows.Contains(row))
            {
                if (!Throwing.IsPlainRead(node.Member))
                {
                    _failed = true;
                }
                else if (!_members.Contains(node.Member))
                {
                    _members.Add(node.Member);
                }

                return node;
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (_rows.Contains(node) || node == _group)
            {
                _failed = true;
            }

            return node;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (_group is null || node.Arguments.Count == 0 || node.Arguments[0] != _group)
            {
                return base.VisitMethodCall(node);
            }

            if (!IsGroupCall(node.Method, rowType))
            {
                _failed = true;
                return node;
            }

            foreach (var argument in node.Arguments.Skip(1))
            {
                if (argument is LambdaExpression lambda && lambda.Parameters.Count > 0 && lambda.Parameters[0].Type == rowType)
                {
                    _rows.Add(lambda.Parameters[0]);
                    Visit(lambda.Body);
                }
                else if (Mentions(argument.Type, rowType))
                {
                    _failed = true;
                }
                else
                {
                    Visit(argument);
                }
            }

            return node;
        }

        /// <summary>An Enumerable method whose source is the group and whose result carries no row of it.</summary>
        public static bool IsGroupCall(MethodInfo method, Type rowType) =>
            method.DeclaringType == typeof(Enumerable) && method.IsGenericMethod
            && method.GetGenericArguments()[0] == rowType && !Mentions(method.ReturnType, rowType);

        public static bool Mentions(Type type, Type rowType) =>
            type == rowType || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, rowType)))
            || (type.HasElementType && Mentions(type.GetElementType()!, rowType));
    }

    /// <summary>Replaces each read member of a row with its value in the narrowed row, and re-types the group's calls.</summary>
    private sealed class NarrowingRewriter : ExpressionVisitor
    {
        private readonly Type _rowType;
        private readonly Type _narrowedType;
        private readonly IReadOnlyList<MemberInfo> _members;
        private readonly Dictionary<ParameterExpression, ParameterExpression> _rows = [];
        private readonly ParameterExpression? _group;
        private readonly ParameterExpression? _narrowedGroup;

        /// <summary>Rewrites reads of <paramref name="original"/> (a row, or a group of rows) as reads of <paramref name="narrowed"/>.</summary>
        public NarrowingRewriter(Type rowType, IReadOnlyList<MemberInfo> members, ParameterExpression original, ParameterExpression narrowed, bool grouped = false)
        {
            _rowType = rowType;
            _members = members;
            if (grouped)
            {
                _group = original;
                _narrowedGroup = narrowed;
                _narrowedType = narrowed.Type.GetGenericArguments()[0];
            }
            else
            {
                _rows[original] = narrowed;
                _narrowedType = narrowed.Type;
            }
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is not ParameterExpression row || !_rows.TryGetValue(row, out var narrowed))
            {
                return base.VisitMember(node);
            }

            var index = IndexOf(node.Member);
            return _members.Count == 1 ? narrowed : ValueTuples.Item(narrowed, index);
        }

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == _group ? _narrowedGroup! : node;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (_group is null || node.Arguments.Count == 0 || node.Arguments[0] != _group)
            {
                return base.VisitMethodCall(node);
            }

            var typeArguments = node.Method.GetGenericArguments();
            typeArguments[0] = _narrowedType;
            var method = node.Method.GetGenericMethodDefinition().MakeGenericMethod(typeArguments);
            return Expression.Call(method, node.Arguments.Select((argument, i) => i == 0 ? _narrowedGroup! : Retype(argument)));
        }

        /// <summary>A lambda over the group's rows, over narrowed rows instead; any other argument visited as it is.</summary>
        private Expression Retype(Expression argument)
        {
            if (argument is not LambdaExpression lambda || lambda.Parameters.Count == 0 || lambda.Parameters[0].Type != _rowType)
            {
                return Visit(argument);
            }

            var parameter = Expression.Parameter(_narrowedType, lambda.Parameters[0].Name);
            _rows[lambda.Parameters[0]] = parameter;
            return Expression.Lambda(Visit(lambda.Body), lambda.Parameters.Skip(1).Prepend(parameter));
        }

        private int IndexOf(MemberInfo member)
        {
            for (var i = 0; i < _members.Count; i++)
            {
                if (_members[i] == member)
                {
                    return i;
                }
            }

            throw new InvalidOperationException($"Member {member.Name} was not collected as read.");
        }
    }
}
