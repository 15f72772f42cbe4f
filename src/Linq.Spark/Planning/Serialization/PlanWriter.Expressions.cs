using System.Linq.Expressions;

namespace Linq.Spark.Planning.Serialization;

/// <summary>Expressions: the lambdas of a plan, as the funcletized shape the query had (captured values are slots).</summary>
internal sealed partial class PlanWriter
{
    public void NullableExpression(Expression? expression)
    {
        Bool(expression is not null);
        if (expression is not null)
        {
            Expression(expression);
        }
    }

    public void Lambda(LambdaExpression lambda) => Expression(lambda);

    public void NullableLambda(LambdaExpression? lambda) => NullableExpression(lambda);

    public void Expressions(IReadOnlyList<Expression> expressions)
    {
        Int(expressions.Count);
        foreach (var expression in expressions)
        {
            Expression(expression);
        }
    }

    public void Expression(Expression node)
    {
        Int((int)node.NodeType);
        switch (node)
        {
            case ConstantExpression constant:
                Type(constant.Type);
                Literal(constant.Value, constant.Type);
                break;
            case ParameterExpression parameter:
                Int(_parameters.TryGetValue(parameter, out var id)
                    ? id
                    : throw new InvalidOperationException($"The parameter {parameter.Name} is used outside the lambda that declares it."));
                break;
            case LambdaExpression lambda:
                {
                    // A parameter object may be declared again by a nested lambda: the outer number comes back after it.
                    Type(lambda.Type);
                    Int(lambda.Parameters.Count);
                    var outer = lambda.Parameters.Select(p => _parameters.TryGetValue(p, out var n) ? n : -1).ToArray();
                    foreach (var parameter in lambda.Parameters)
                    {
                        Declare(parameter);
                    }

                    Expression(lambda.Body);
                    for (var i = 0; i < outer.Length; i++)
                    {
                        if (outer[i] >= 0)
                        {
                            _parameters[lambda.Parameters[i]] = outer[i];
                        }
                        else
                        {
                            _parameters.Remove(lambda.Parameters[i]);
                        }
                    }

                    break;
                }
            case MemberExpression member:
                NullableExpression(member.Expression);
                Member(member.Member);
                break;
            case MethodCallExpression call:
                Method(call.Method);
                NullableExpression(call.Object);
                Expressions(call.Arguments);
                break;
            case NewExpression creation:
                New(creation);
                break;
            case MemberInitExpression init:
                New(init.NewExpression);
                Bindings(init.Bindings);
                break;
            case ListInitExpression list:
                New(list.NewExpression);
                Initializers(list.Initializers);
                break;
            case NewArrayExpression array:
                Type(array.Type.GetElementType()!);
                Expressions(array.Expressions);
                break;
            case UnaryExpression unary:
                Type(unary.Type);
                Expression(unary.Operand);
                NullableMethod(unary.Method);
                break;
            case BinaryExpression binary:
                Expression(binary.Left);
                Expression(binary.Right);
                Bool(binary.IsLiftedToNull);
                NullableMethod(binary.Method);
                NullableLambda(binary.Conversion);
                break;
            case ConditionalExpression conditional:
                Type(conditional.Type);
                Expression(conditional.Test);
                Expression(conditional.IfTrue);
                Expression(conditional.IfFalse);
                break;
            case TypeBinaryExpression test:
                Expression(test.Expression);
                Type(test.TypeOperand);
                break;
            case InvocationExpression invocation:
                Expression(invocation.Expression);
                Expressions(invocation.Arguments);
                break;
            case DefaultExpression @default:
                Type(@default.Type);
                break;
            case IndexExpression index:
                NullableExpression(index.Object);
                Bool(index.Indexer is not null);
                if (index.Indexer is not null)
                {
                    Member(index.Indexer);
                }

                Expressions(index.Arguments);
                break;
            default:
                throw new NotSupportedException($"A {node.NodeType} expression cannot be written into a plan: {node}");
        }
    }

    private void New(NewExpression creation)
    {
        Type(creation.Type);
        NullableMethod(creation.Constructor);
        Expressions(creation.Arguments);
        Int(creation.Members?.Count ?? -1);
        foreach (var member in creation.Members ?? [])
        {
            Member(member);
        }
    }

    private void Bindings(IReadOnlyList<MemberBinding> bindings)
    {
        Int(bindings.Count);
        foreach (var binding in bindings)
        {
            Int((int)binding.BindingType);
            Member(binding.Member);
            switch (binding)
            {
                case MemberAssignment assignment:
                    Expression(assignment.Expression);
                    break;
                case MemberMemberBinding nested:
                    Bindings(nested.Bindings);
                    break;
                case MemberListBinding list:
                    Initializers(list.Initializers);
                    break;
            }
        }
    }

    private void Initializers(IReadOnlyList<ElementInit> initializers)
    {
        Int(initializers.Count);
        foreach (var initializer in initializers)
        {
            Method(initializer.AddMethod);
            Expressions(initializer.Arguments);
        }
    }
}
