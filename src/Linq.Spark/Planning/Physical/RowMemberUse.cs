using System.Linq.Expressions;
using System.Reflection;
using Linq.Spark.Columnar;
using Linq.Spark.Internal;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Which members of a scanned row type a query reads anywhere (Spark's column pruning, found from the query as
/// written): when every row of the type is only ever read member by member — in lambdas, through transparent
/// identifiers, anonymous types and tuples, and through query operators that do not compare or hash whole rows — a
/// scan need decode only those members; the others may hold default values, since nothing reads them. A row that is
/// returned, compared, hashed, cached, written, passed to a method or used as a key reads every member.
/// </summary>
internal static class RowMemberUse
{
    /// <summary>Operators through which rows flow without being compared or hashed whole (keys are checked separately).</summary>
    private static readonly HashSet<string> Flowing =
    [
        "Where", "Select", "SelectMany", "Join", "GroupJoin", "GroupBy", "OrderBy", "OrderByDescending", "ThenBy",
        "ThenByDescending", "Take", "Skip", "TakeLast", "SkipLast", "TakeWhile", "SkipWhile", "First", "FirstOrDefault",
        "Last", "LastOrDefault", "Single", "SingleOrDefault", "Count", "LongCount", "Sum", "Average", "Min", "Max",
        "Any", "All", "Concat", "AsQueryable", "AsEnumerable", "ToList", "ToArray", "Reverse", "DefaultIfEmpty",
        "Repartition", "Coalesce", "Broadcast",
    ];

    /// <summary>Per member column of <paramref name="encoder"/>, whether <paramref name="query"/> reads it; null when some row is read whole.</summary>
    public static bool[]? Of(Expression query, IEncoder encoder)
    {
        var finder = new Finder(encoder.RowType);
        if (finder.Mentions(query.Type))
        {
            return null;
        }

        finder.Visit(query);
        if (finder.Whole)
        {
            return null;
        }

        var read = new bool[encoder.Columns.Count];
        foreach (var member in finder.Members)
        {
            var column = encoder.ColumnOf(member);
            if (column < 0)
            {
                return null;
            }

            read[column] = true;
        }

        return read;
    }

    private sealed class Finder(Type rowType) : ExpressionVisitor
    {
        private Expression? _permitted;

        public HashSet<MemberInfo> Members { get; } = [];

        public bool Whole { get; private set; }

        public bool Mentions(Type type) =>
            type == rowType
            || (type.IsGenericType && type.GetGenericArguments().Any(Mentions))
            || (type.HasElementType && Mentions(type.GetElementType()!));

        public override Expression? Visit(Expression? node)
        {
            // A node whose type holds rows may only stand where its parent permitted it (one use: a parameter object
            // is shared by all its uses).
            var permitted = ReferenceEquals(node, _permitted);
            _permitted = null;
            if (node is null || Whole)
            {
                return node;
            }

            if (Mentions(node.Type) && !permitted && node is not LambdaExpression)
            {
                Whole = true;
                return node;
            }

            return base.Visit(node);
        }

        private void VisitPermitted(Expression? node)
        {
            _permitted = node;
            Visit(node);
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            // A lambda's parameters are declarations; their uses are checked where they occur. Its body hands its value
            // to the operator (a row, into a sequence whose every use is checked in turn).
            VisitPermitted(node.Body);
            return node;
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (node.NodeType != ExpressionType.Quote)
            {
                return base.VisitUnary(node);
            }

            VisitPermitted(node.Operand);
            return node;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is not { } target)
            {
                return node;
            }

            if (target.Type == rowType)
            {
                if (!Throwing.IsPlainRead(node.Member))
                {
                    Whole = true;
                    return node;
                }

                Members.Add(node.Member);
            }

            VisitPermitted(target);
            return node;
        }

        protected override Expression VisitNew(NewExpression node)
        {
            if (!Throwing.IsAnonymous(node.Type) && !Throwing.IsValueTuple(node.Type))
            {
                return base.VisitNew(node);
            }

            foreach (var argument in node.Arguments)
            {
                VisitPermitted(argument);
            }

            return node;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (!Flows(node))
            {
                return base.VisitMethodCall(node);
            }

            foreach (var argument in node.Arguments)
            {
                VisitPermitted(argument);
            }

            return node;
        }

        /// <summary>A query operator that hands rows on without comparing or hashing them whole.</summary>
        private bool Flows(MethodCallExpression call)
        {
            var method = call.Method;
            if (!method.IsGenericMethod || !Flowing.Contains(method.Name)
                || (method.DeclaringType != typeof(Queryable) && method.DeclaringType != typeof(Enumerable) && method.DeclaringType != typeof(Translation.SparkOperators)))
            {
                return false;
            }

            var types = method.GetGenericArguments();
            return method.Name switch
            {
                "Join" or "GroupJoin" => !Mentions(types[2]),
                "GroupBy" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" => !Mentions(types[1]),
                "Min" or "Max" => call.Arguments.Count == 2,
                "DefaultIfEmpty" => call.Arguments.Count == 1,
                _ => true,
            };
        }
    }
}
