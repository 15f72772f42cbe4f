using System.Linq.Expressions;
using System.Reflection;
using E = System.Linq.Expressions.Expression;

namespace Linq.Spark.Planning.Serialization;

/// <summary>Expressions, rebuilt through the expression factory, so every node is checked as it was when first built.</summary>
internal sealed partial class PlanReader
{
    public Expression? NullableExpression() => Bool() ? Expression() : null;

    public LambdaExpression Lambda() => Expression() as LambdaExpression ?? throw Malformed("a lambda was expected");

    public LambdaExpression? NullableLambda() => (LambdaExpression?)NullableExpression();

    public Expression[] Expressions() => [.. Enumerable.Range(0, Int()).Select(_ => Expression())];

    public Expression Expression()
    {
        var nodeType = (ExpressionType)Int();
        switch (nodeType)
        {
            case ExpressionType.Constant:
                {
                    var type = Type();
                    return E.Constant(Value(), type);
                }

            case ExpressionType.Parameter:
                {
                    var id = Int();
                    return id < _parameters.Count ? _parameters[id] : throw Malformed($"parameter {id} before its declaration");
                }

            case ExpressionType.Lambda:
                {
                    var type = Type();
                    var parameters = Enumerable.Range(0, Int()).Select(_ => Declare()).ToArray();
                    return E.Lambda(type, Expression(), parameters);
                }

            case ExpressionType.MemberAccess:
                {
                    var instance = NullableExpression();
                    return E.MakeMemberAccess(instance, Member());
                }

            case ExpressionType.Call:
                {
                    var method = (MethodInfo)Method();
                    var instance = NullableExpression();
                    return E.Call(instance, method, Expressions());
                }

            case ExpressionType.New:
                return New();
            case ExpressionType.MemberInit:
                {
                    var creation = New();
                    return E.MemberInit(creation, Bindings());
                }

            case ExpressionType.ListInit:
                {
                    var creation = New();
                    return E.ListInit(creation, Initializers());
                }

            case ExpressionType.NewArrayInit:
                {
                    var element = Type();
                    return E.NewArrayInit(element, Expressions());
                }

            case ExpressionType.NewArrayBounds:
                {
                    var element = Type();
                    return E.NewArrayBounds(element, Expressions());
                }

            case ExpressionType.Conditional:
                {
                    var type = Type();
                    var test = Expression();
                    var ifTrue = Expression();
                    return E.Condition(test, ifTrue, Expression(), type);
                }

            case ExpressionType.TypeIs:
            case ExpressionType.TypeEqual:
                {
                    var operand = Expression();
                    var type = Type();
                    return nodeType == ExpressionType.TypeIs ? E.TypeIs(operand, type) : E.TypeEqual(operand, type);
                }

            case ExpressionType.Invoke:
                {
                    var target = Expression();
                    return E.Invoke(target, Expressions());
                }

            case ExpressionType.Default:
                return E.Default(Type());
            case ExpressionType.Index:
                {
                    var instance = NullableExpression()!;
                    var indexer = Bool() ? (PropertyInfo)Member() : null;
                    var arguments = Expressions();
                    return indexer is null ? E.ArrayAccess(instance, arguments) : E.MakeIndex(instance, indexer, arguments);
                }

            case ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.Not or ExpressionType.Negate
                or ExpressionType.NegateChecked or ExpressionType.UnaryPlus or ExpressionType.OnesComplement or ExpressionType.Quote
                or ExpressionType.TypeAs or ExpressionType.ArrayLength or ExpressionType.Unbox or ExpressionType.IsTrue or ExpressionType.IsFalse:
                {
                    var type = Type();
                    var operand = Expression();
                    var method = (MethodInfo?)NullableMethod();
                    return nodeType == ExpressionType.Quote ? E.Quote(operand) : E.MakeUnary(nodeType, operand, type, method);
                }

            default:
                {
                    if (!IsBinary(nodeType))
                    {
                        throw Malformed($"node type {nodeType}");
                    }

                    var left = Expression();
                    var right = Expression();
                    var liftToNull = Bool();
                    var method = (MethodInfo?)NullableMethod();
                    return E.MakeBinary(nodeType, left, right, liftToNull, method, NullableLambda());
                }
        }
    }

    private static bool IsBinary(ExpressionType type) => type is ExpressionType.Add or ExpressionType.AddChecked or ExpressionType.Subtract
        or ExpressionType.SubtractChecked or ExpressionType.Multiply or ExpressionType.MultiplyChecked or ExpressionType.Divide
        or ExpressionType.Modulo or ExpressionType.Power or ExpressionType.And or ExpressionType.Or or ExpressionType.ExclusiveOr
        or ExpressionType.AndAlso or ExpressionType.OrElse or ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan
        or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual or ExpressionType.Coalesce
        or ExpressionType.ArrayIndex or ExpressionType.LeftShift or ExpressionType.RightShift;

    private NewExpression New()
    {
        var type = Type();
        var constructor = (ConstructorInfo?)NullableMethod();
        var arguments = Expressions();
        var memberCount = Int();
        if (constructor is null)
        {
            return E.New(type);
        }

        return memberCount < 0
            ? E.New(constructor, arguments)
            : E.New(constructor, arguments, Enumerable.Range(0, memberCount).Select(_ => Member()));
    }

    private MemberBinding[] Bindings() => [.. Enumerable.Range(0, Int()).Select(_ => Binding())];

    private MemberBinding Binding()
    {
        var kind = (MemberBindingType)Int();
        var member = Member();
        return kind switch
        {
            MemberBindingType.Assignment => E.Bind(member, Expression()),
            MemberBindingType.MemberBinding => E.MemberBind(member, Bindings()),
            MemberBindingType.ListBinding => E.ListBind(member, Initializers()),
            _ => throw Malformed($"binding kind {kind}"),
        };
    }

    private ElementInit[] Initializers() =>
        [.. Enumerable.Range(0, Int()).Select(_ =>
        {
            var add = (MethodInfo)Method();
            return E.ElementInit(add, Expressions());
        })];
}
