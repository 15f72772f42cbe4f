using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Linq.Spark.Planning.Translation;

namespace Linq.Spark.Query;

/// <summary>
/// Prints a funcletized query expression into a string that is equal for two queries exactly when they have the
/// same shape: same operators, lambdas, members, literal constants and slot types. Used as the plan-cache key.
/// </summary>
internal sealed class ShapeKey : ExpressionVisitor
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Type, TypeId> TypeIds = [];
    private static int _lastTypeId;

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
            key._text.Append('$').Append(i).Append(':').Append(IdOf(parameters.Slots[i].Type))
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

        _text.Append('(').Append((int)node.NodeType).Append(' ').Append(IdOf(node.Type)).Append(' ');
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
        AppendLiteral(node.Value, node.Type);
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
        _text.Append('T').Append(IdOf(node.TypeOperand));
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
        _text.Append('[').Append(IdOf(member.DeclaringType!)).Append('#').Append(member.MetadataToken);
        if (member is MethodInfo { IsGenericMethod: true } method)
        {
            foreach (var argument in method.GetGenericArguments())
            {
                _text.Append(',').Append(IdOf(argument));
            }
        }

        _text.Append(']');
    }

    /// <summary>
    /// A literal as text that two values share only when they are the same value of the same type: null apart from
    /// "", a boxed value's own type, strings length-prefixed (no string can imitate the text around it), doubles and
    /// floats by their bits (-0.0 and NaN payloads included), dates and times by ticks and kind.
    /// </summary>
    private void AppendLiteral(object? value, Type declared)
    {
        if (value is null)
        {
            _text.Append("null");
            return;
        }

        var type = value.GetType();
        if (type != declared)
        {
            _text.Append('<').Append(IdOf(type)).Append('>');
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        _ = value switch
        {
            string text => _text.Append('"').Append(text.Length).Append(':').Append(text),
            char character => _text.Append("c:").Append((int)character),
            bool flag => _text.Append(flag ? "true" : "false"),
            double number => _text.Append("d:").Append(BitConverter.DoubleToInt64Bits(number)),
            float number => _text.Append("f:").Append(BitConverter.SingleToInt32Bits(number)),
            decimal number => _text.Append("m:").Append(number.ToString(invariant)).Append(':').Append(decimal.GetBits(number)[3]),
            DateTime time => _text.Append("t:").Append(time.Ticks).Append(':').Append((int)time.Kind),
            DateTimeOffset time => _text.Append("o:").Append(time.Ticks).Append(':').Append(time.Offset.Ticks),
            Enum member => _text.Append("e:").Append(Convert.ToString(Convert.ChangeType(member, Enum.GetUnderlyingType(type), invariant), invariant)),
            IFormattable formattable => _text.Append("v:").Append(formattable.ToString(null, invariant)),
            _ => throw new NotSupportedException($"A literal of type {type} cannot key a cached plan: {value}"),
        };
    }

    /// <summary>A type as a number unique to it in this process (two types never share one, even with the same name).</summary>
    private static int IdOf(Type type) => TypeIds.GetValue(type, _ => new TypeId(Interlocked.Increment(ref _lastTypeId))).Value;

    private sealed record TypeId(int Value);
}
