using System.Linq.Expressions;
using System.Reflection;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>
/// Narrows a join's result to the values the operators above it read (column pruning through a join's output). Query
/// syntax makes every join return a transparent identifier, <c>new { l, o }</c>, which carries both rows whole; when
/// the filters and the consumer above read only <c>t.l.ShipMode</c> and <c>t.o.OrderPriority</c>, the join returns
/// a tuple of those two values instead; a join that passes one row on whole (<c>join p in parts … select ps</c>) returns
/// the members read of it. A join below reads the same way one level down, and
/// <see cref="PruneJoinInputs"/> then narrows the inputs to the members read, so no whole row is built, shuffled or
/// broadcast.
/// </summary>
/// <remarks>
/// The join's result must be a pure projection (dropping an unread member loses no exception), every use of the row
/// above must be a member read, and only reads that cannot throw (<see cref="Throwing.MayThrow"/>) move into the join,
/// so a read the filters above would have skipped cannot fail earlier. Consumers: Select, grouped and global
/// aggregates, GroupBy with an element selector, and a join that reads the row as a side that is never
/// null-extended; Where between them is rewritten alike.
/// </remarks>
internal sealed class NarrowJoinOutputs : IOptimizerRule
{
    public string Name => nameof(NarrowJoinOutputs);

    public LogicalNode? Apply(LogicalNode node)
    {
        for (var input = 0; input < node.Children.Count; input++)
        {
            if (ConsumerOf(node, input) is { } consumer && Narrow(node.Children[input], consumer.Readers) is { } narrowed)
            {
                return consumer.Rebuild(narrowed.Input, narrowed.Rewrite);
            }
        }

        return null;
    }

    /// <summary>How a node reads the rows of one input: its lambdas over them, with the row parameter's index, and how to rebuild the node over the narrowed input.</summary>
    private sealed record Consumer(
        IReadOnlyList<(LambdaExpression Lambda, int Parameter)> Readers,
        Func<LogicalNode, Func<LambdaExpression, int, LambdaExpression>, LogicalNode> Rebuild);

    /// <summary>The consumer of input <paramref name="input"/> of <paramref name="node"/>, or null when the node uses that input's rows otherwise.</summary>
    private static Consumer? ConsumerOf(LogicalNode node, int input) => node switch
    {
        ProjectNode project => new Consumer(
            [(project.Selector, 0)],
            (child, rewrite) => new ProjectNode(child, rewrite(project.Selector, 0))),
        AggregateNode aggregate => new Consumer(
            [.. aggregate.KeySelector is null ? [] : new[] { (aggregate.KeySelector, 0) }, .. aggregate.Aggregates.Where(a => a.Argument is not null).Select(a => (a.Argument!, 0))],
            (child, rewrite) => new AggregateNode(
                child,
                aggregate.KeySelector is null ? null : rewrite(aggregate.KeySelector, 0),
                [.. aggregate.Aggregates.Select(a => a.Argument is null ? a : a with { Argument = rewrite(a.Argument, 0) })],
                aggregate.ResultSelector,
                aggregate.Comparer)),
        GroupByNode { ElementSelector: { } element } group => new Consumer(
            [(group.KeySelector, 0), (element, 0)],
            (child, rewrite) => new GroupByNode(child, rewrite(group.KeySelector, 0), rewrite(element, 0), group.ResultSelector, group.Comparer)),
        JoinNode join when input == 0 && join.Kind is not JoinKind.Right => new Consumer(
            [(join.LeftKey, 0), (join.ResultSelector, 0)],
            (child, rewrite) => new JoinNode(join.Kind, child, join.Right, rewrite(join.LeftKey, 0), join.RightKey, rewrite(join.ResultSelector, 0), join.Comparer)),
        JoinNode join when input == 1 && join.Kind is JoinKind.Inner or JoinKind.Right => new Consumer(
            [(join.RightKey, 0), (join.ResultSelector, 1)],
            (child, rewrite) => new JoinNode(join.Kind, join.Left, child, join.LeftKey, rewrite(join.RightKey, 0), rewrite(join.ResultSelector, 1), join.Comparer)),
        _ => null,
    };

    /// <summary>The input narrowed (the join and the filters above it), and how to rewrite a consumer's lambda for it; null when it cannot or need not be.</summary>
    private static (LogicalNode Input, Func<LambdaExpression, int, LambdaExpression> Rewrite)? Narrow(
        LogicalNode input, IReadOnlyList<(LambdaExpression Lambda, int Parameter)> readers)
    {
        var filters = new List<FilterNode>();
        var node = input;
        while (node is FilterNode filter)
        {
            filters.Add(filter);
            node = filter.Child;
        }

        // A transparent identifier (new { l, o }), or one row passed on whole (join … select ps, a semi-join's shape).
        if (node is not JoinNode { ResultSelector.Body: NewExpression { Members: { } } or ParameterExpression } join
            || !PureInliner.IsPureProjection(join.ResultSelector.Body))
        {
            return null;
        }

        var cuts = new Cuts(join);
        foreach (var (lambda, parameter) in readers.Concat(filters.Select(f => (f.Predicate, 0))))
        {
            if (!cuts.Collect(lambda.Body, lambda.Parameters[parameter]))
            {
                return null;
            }
        }

        if (!cuts.Narrows)
        {
            return null;
        }

        var values = cuts.Values;
        var narrowed = join.With(resultSelector: Expression.Lambda(values.Count == 1 ? values[0] : ValueTuples.New(values), join.ResultSelector.Parameters));
        LambdaExpression Rewrite(LambdaExpression lambda, int parameter) => cuts.Rewrite(lambda, parameter, narrowed.ElementType);
        LogicalNode rebuilt = narrowed;
        for (var i = filters.Count - 1; i >= 0; i--)
        {
            rebuilt = new FilterNode(rebuilt, Rewrite(filters[i].Predicate, 0));
        }

        return (rebuilt, Rewrite);
    }

    /// <summary>
    /// The values the join returns instead of its transparent identifier: for each read <c>t.M1.M2…Mk</c> above, the
    /// longest prefix that cannot throw, with <c>t.M1</c> replaced by the join's own expression for M1.
    /// </summary>
    private sealed class Cuts(JoinNode join) : ExpressionVisitor
    {
        private readonly Expression _result = join.ResultSelector.Body;
        private readonly List<Expression> _values = [];
        private readonly Dictionary<string, int> _indexes = [];
        private readonly HashSet<string> _membersRead = [];
        private ParameterExpression _row = null!;
        private bool _deeper;
        private bool _failed;

        public IReadOnlyList<Expression> Values => _values;

        /// <summary>Whether the join would return less than it does: a member no one reads, or part of a member's value.</summary>
        public bool Narrows => _result is not NewExpression { Members: { } members } || _deeper || _membersRead.Count < members.Count;

        /// <summary>Records every read of <paramref name="row"/> in <paramref name="body"/>; false when the row is used other than through its members.</summary>
        public bool Collect(Expression body, ParameterExpression row)
        {
            _row = row;
            Visit(body);
            return !_failed;
        }

        /// <summary>The lambda with its row parameter <paramref name="parameter"/> retyped to the narrowed result and each read replaced by its value.</summary>
        public LambdaExpression Rewrite(LambdaExpression lambda, int parameter, Type narrowedType)
        {
            var row = lambda.Parameters[parameter];
            // A transparent identifier's compiler name would only puzzle a reader of Explain.
            var narrowed = Expression.Parameter(narrowedType, row.Name is { } name && !name.StartsWith('<') ? name : "row");
            var body = new Replacer(this, row, narrowed).Visit(lambda.Body);
            var parameters = lambda.Parameters.ToArray();
            parameters[parameter] = narrowed;
            return Expression.Lambda(body, parameters);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (Chain(node, _row) is not { } chain)
            {
                return base.VisitMember(node);
            }

            if (Cut(chain) is not { } cut)
            {
                _failed = true;
                return node;
            }

            _membersRead.Add(chain[0].Name);
            _deeper |= cut.Length > 1;
            Add(cut.Value);
            return node;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (GroupAny(node, _row) is not { } any)
            {
                return base.VisitMethodCall(node);
            }

            _membersRead.Add(any.Member.Name);
            _deeper = true;
            Add(any.Value);
            return node;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _failed |= node == _row;
            return node;
        }

        /// <summary>
        /// A read <c>row.M.Any()</c> of a GroupJoin's group: the join computes <c>group.Any()</c> itself, which cannot
        /// throw, and <see cref="ExistenceJoins"/> then answers it with a set of keys instead of the groups.
        /// </summary>
        private (Expression Value, MemberInfo Member)? GroupAny(MethodCallExpression node, ParameterExpression row)
        {
            if (join.Kind != JoinKind.Group || !ExistenceJoins.IsAny(node) || Chain(node.Arguments[0], row) is not { } chain
                || Cut(chain) is not { } cut || cut.Length != chain.Count || cut.Value != join.ResultSelector.Parameters[1])
            {
                return null;
            }

            return (Expression.Call(node.Method, cut.Value), chain[0]);
        }

        private void Add(Expression value)
        {
            var key = Key(value);
            if (!_indexes.ContainsKey(key))
            {
                _indexes[key] = _values.Count;
                _values.Add(value);
            }
        }

        /// <summary>The narrowed row's value for <paramref name="value"/>: the row itself, or its tuple item.</summary>
        private Expression Read(ParameterExpression narrowed, Expression value) =>
            _values.Count == 1 ? narrowed : ValueTuples.Item(narrowed, _indexes[Key(value)]);

        /// <summary>The members of a chain <c>row.M1.M2…</c> (outermost last), or null when <paramref name="node"/> is not one over <paramref name="row"/>.</summary>
        private static List<MemberInfo>? Chain(Expression node, ParameterExpression row)
        {
            var chain = new List<MemberInfo>();
            while (node is MemberExpression { Expression: { } inner } member)
            {
                chain.Add(member.Member);
                node = inner;
            }

            chain.Reverse();
            return node == row && chain.Count > 0 ? chain : null;
        }

        /// <summary>The longest prefix of a chain that the join can compute without a possible exception, and how many members it covers.</summary>
        /// <remarks>
        /// The walk starts at the join's result: over a transparent identifier the first member folds to the join's own
        /// expression for it (pure, so it cannot throw); over a row passed on whole it reads a member of that row.
        /// A cut must cover at least one member, or the row would be needed whole.
        /// </remarks>
        private (Expression Value, int Length)? Cut(List<MemberInfo> chain)
        {
            var value = _result;
            var length = 0;
            while (length < chain.Count)
            {
                var next = MemberFolding.Fold(Expression.MakeMemberAccess(value, chain[length]));
                if (Throwing.MayThrow(next) || !NonNull(value))
                {
                    break;
                }

                value = next;
                length++;
            }

            return length == 0 ? null : (value, length);
        }

        /// <summary>
        /// Whether a value the join computes is never null where a read of it would be moved. <see cref="Throwing"/>
        /// takes rows to be non-null; the one exception it cannot see is a row of a null-extended join side
        /// (LeftJoin's inner, RightJoin's outer), carried here directly or inside transparent identifiers below.
        /// </summary>
        private bool NonNull(Expression value)
        {
            if (value.Type.IsValueType)
            {
                return true;
            }

            var path = new List<MemberInfo>();
            while (value is MemberExpression { Expression: { } inner } member)
            {
                path.Add(member.Member);
                value = inner;
            }

            path.Reverse();
            var side = value is ParameterExpression parameter ? join.ResultSelector.Parameters.IndexOf(parameter) : -1;
            return side < 0 || NonNull(join, side, path);
        }

        /// <summary>Whether the value at <paramref name="path"/> of the rows <paramref name="producer"/> makes is never null (an empty path: the rows themselves).</summary>
        private static bool NonNull(LogicalNode producer, IReadOnlyList<MemberInfo> path)
        {
            while (producer is FilterNode filter)
            {
                producer = filter.Child;
            }

            switch (producer)
            {
                case JoinNode join when path.Count == 0:
                    return join.ResultSelector.Body is not ParameterExpression row || NonNull(join, join.ResultSelector.Parameters.IndexOf(row), path);
                case JoinNode { ResultSelector.Body: NewExpression { Members: not null } result } join:
                    return Carried(result, path[0]) is ParameterExpression carried
                        ? NonNull(join, join.ResultSelector.Parameters.IndexOf(carried), path.Skip(1).ToList())
                        : path.Count == 1 && Carried(result, path[0]) is NewExpression;
                case ProjectNode { Selector.Body: NewExpression { Members: not null } result } project when path.Count > 0:
                    return Carried(result, path[0]) is ParameterExpression
                        ? NonNull(project.Child, path.Skip(1).ToList())
                        : path.Count == 1 && Carried(result, path[0]) is NewExpression;
                default:
                    return path.Count == 0;
            }
        }

        /// <summary>Whether side <paramref name="side"/> (0 left, 1 right) of a join can deliver a non-null value at <paramref name="path"/>.</summary>
        private static bool NonNull(JoinNode join, int side, IReadOnlyList<MemberInfo> path) =>
            side switch
            {
                0 => join.Kind is not JoinKind.Right && NonNull(join.Left, path),
                1 => join.Kind is JoinKind.Inner or JoinKind.Right && NonNull(join.Right, path),
                _ => false,
            };

        /// <summary>What a transparent identifier's <c>new</c> puts in one of its members.</summary>
        private static Expression Carried(NewExpression result, MemberInfo member) =>
            MemberFolding.Fold(Expression.MakeMemberAccess(result, member));

        private static string Key(Expression value) => value.Type.FullName + ":" + value;

        /// <summary>Replaces each read of the old row with the narrowed value it starts with, keeping the rest of the chain.</summary>
        private sealed class Replacer(Cuts cuts, ParameterExpression row, ParameterExpression narrowed) : ExpressionVisitor
        {
            protected override Expression VisitMember(MemberExpression node)
            {
                if (Chain(node, row) is not { } chain)
                {
                    return base.VisitMember(node);
                }

                var (value, length) = cuts.Cut(chain)!.Value;
                var replaced = cuts.Read(narrowed, value);
                foreach (var member in chain.Skip(length))
                {
                    replaced = Expression.MakeMemberAccess(replaced, member);
                }

                return replaced;
            }

            protected override Expression VisitMethodCall(MethodCallExpression node) =>
                cuts.GroupAny(node, row) is { } any ? cuts.Read(narrowed, any.Value) : base.VisitMethodCall(node);
        }
    }
}
