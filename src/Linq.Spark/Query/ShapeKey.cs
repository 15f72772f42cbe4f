using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace Linq.Spark.Query;

/// <summary>
/// Prints a funcletized query expression into a string that is equal for two queries exactly when they have the
/// same shape: same operators, lambdas, members, literal constants and slot types. Used as the plan-cache key.
/// </summary>
internal sealed class ShapeKey : ExpressionVisitor
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<ParameterExpression, int> _parameters = [];

    private ShapeKey()
    {
    }

    public static string Of(Expression shape, QueryParameters parameters, Func<object?, string> describeValue)
    {
        var key = new ShapeKey();
        for (var i = 0; i < parameters.Slots.Count; i++)
        {
            key._parameters[parameters.Slots[i]] = i;
            key._text.Append('$').Append(i).Append(':').Append(TypeName(parameters.Slots[i].Type))
                .Append(describeValue(parameters.Values[i])).Append(';');
        }

        key.Visit(shape);
        return key._text.ToString();
    }

    public override Expression? Visit(Expression? node)
    {
        if (node is null)
        {
            _text.Append("null");
            return null;
        }

        _text.Append('(').Append((int)node.NodeType).Append(' ').Append(TypeName(node.Type)).Append(' ');
        var result = base.Visit(node);
        _text.Append(')');
        return result;
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (!_parameters.TryGetValue(node, out var id))
        {
            id = _parameters.Count;
            _parameters[node] = id;
        }

        _text.Append('p').Append(id);
        return node;
    }

    protected override Expression VisitConstant(ConstantExpression node)
    {
        _text.Append('\'').Append(Convert.ToString(node.Value, System.Globalization.CultureInfo.InvariantCulture)).Append('\'');
        return node;
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        Append(node.Member);
        return base.VisitMember(node);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        Append(node.Method);
        return base.VisitMethodCall(node);
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.Method is not null)
        {
            Append(node.Method);
        }

        _text.Append(node.IsLiftedToNull ? "L" : string.Empty);
        return base.VisitBinary(node);
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        if (node.Method is not null)
        {
            Append(node.Method);
        }

        return base.VisitUnary(node);
    }

    protected override Expression VisitNew(NewExpression node)
    {
        if (node.Constructor is not null)
        {
            Append(node.Constructor);
        }

        foreach (var member in node.Members ?? [])
        {
            Append(member);
        }

        return base.VisitNew(node);
    }

    protected override MemberBinding VisitMemberBinding(MemberBinding node)
    {
        _text.Append((int)node.BindingType);
        Append(node.Member);
        return base.VisitMemberBinding(node);
    }

    protected override Expression VisitTypeBinary(TypeBinaryExpression node)
    {
        _text.Append(TypeName(node.TypeOperand));
        return base.VisitTypeBinary(node);
    }

    protected override Expression VisitIndex(IndexExpression node)
    {
        if (node.Indexer is not null)
        {
            Append(node.Indexer);
        }

        return base.VisitIndex(node);
    }

    private void Append(MemberInfo member)
    {
        _text.Append('[').Append(TypeName(member.DeclaringType!)).Append('.').Append(member.Name).Append('#')
            .Append(member.MetadataToken);
        if (member is MethodInfo { IsGenericMethod: true } method)
        {
            foreach (var argument in method.GetGenericArguments())
            {
                _text.Append(',').Append(TypeName(argument));
            }
        }

        _text.Append(']');
    }

    private static string TypeName(Type type) => type.AssemblyQualifiedName ?? type.FullName ?? type.Name;
}
