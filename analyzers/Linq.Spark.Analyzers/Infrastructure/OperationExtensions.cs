using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Linq.Spark.Analyzers;

/// <summary>Small helpers for reading query calls out of the operation tree.</summary>
internal static class OperationExtensions
{
    /// <summary>The operation with implicit conversions, delegate creations and query wrappers removed.</summary>
    public static IOperation WithoutConversions(this IOperation operation)
    {
        var current = operation;
        while (true)
        {
            switch (current)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    current = conversion.Operand;
                    break;
                case ITranslatedQueryOperation query:
                    current = query.Operation;
                    break;
                case IDelegateCreationOperation delegateCreation:
                    current = delegateCreation.Target;
                    break;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    break;
                default:
                    return current;
            }
        }
    }

    /// <summary>The lambda this operation holds, through conversions to a delegate or expression tree.</summary>
    public static IAnonymousFunctionOperation? AsLambda(this IOperation? operation) =>
        operation?.WithoutConversions() as IAnonymousFunctionOperation;

    /// <summary>The single value an expression-bodied lambda returns, conversions removed.</summary>
    public static IOperation? ReturnedValue(this IAnonymousFunctionOperation lambda)
    {
        var body = lambda.Body;
        return body.Operations.Length >= 1 && body.Operations[0] is IReturnOperation { ReturnedValue: { } value }
            ? value.WithoutConversions()
            : null;
    }

    /// <summary>The argument value for the parameter called <paramref name="parameterName"/>, conversions removed.</summary>
    public static IOperation? ArgumentValue(this IInvocationOperation invocation, string parameterName)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument.Value.WithoutConversions();
            }
        }

        return null;
    }

    /// <summary>The raw (unconverted) value of the argument at parameter position <paramref name="ordinal"/>.</summary>
    public static IOperation? ArgumentAt(this IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The query the operator is applied to: the instance, or the first argument of an extension method.</summary>
    public static IOperation? SourceArgument(this IInvocationOperation invocation) =>
        invocation.TargetMethod.IsExtensionMethod || invocation.TargetMethod.IsStatic
            ? invocation.ArgumentAt(0)
            : invocation.Instance;

    /// <summary>
    /// The call that takes <paramref name="invocation"/> as its source (<c>x.A().B()</c>: B for A), or null.
    /// </summary>
    public static IInvocationOperation? Consumer(this IInvocationOperation invocation)
    {
        IOperation current = invocation;
        var parent = current.Parent;
        while (parent is IConversionOperation or ITranslatedQueryOperation or IParenthesizedOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        if (parent is IArgumentOperation { Parameter.Ordinal: 0 } argument
            && argument.Parent is IInvocationOperation consumer
            && (consumer.TargetMethod.IsExtensionMethod || consumer.TargetMethod.IsStatic))
        {
            return consumer;
        }

        return parent is IInvocationOperation instanceConsumer && instanceConsumer.Instance == current
            ? instanceConsumer
            : null;
    }

    /// <summary>The join that takes <paramref name="operation"/> as its inner side, or null.</summary>
    public static IInvocationOperation? JoinTakingAsInner(this IOperation operation, SparkSymbols symbols)
    {
        var current = operation;
        while (current.Parent is IConversionOperation or ITranslatedQueryOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation { Parameter.Name: "inner" } argument
            && argument.Parent is IInvocationOperation join && symbols.IsChainOperator(join.TargetMethod)
            && QueryOperators.IsJoin(join.TargetMethod.Name)
                ? join
                : null;
    }

    /// <summary>Whether <paramref name="operation"/> reads <paramref name="parameter"/> anywhere inside it.</summary>
    public static bool References(this IOperation operation, IParameterSymbol parameter)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the operation is a compile-time constant (a literal, const or default).</summary>
    public static bool IsConstant(this IOperation operation) =>
        operation.ConstantValue.HasValue || operation is ILiteralOperation or IDefaultValueOperation;

    /// <summary>
    /// Where to report on an operator call: from the operator's name to the end of the call in method syntax
    /// (<c>q.[OrderBy(x =&gt; x.A)]</c>), or the whole clause in query syntax.
    /// </summary>
    public static Location OperatorLocation(this IInvocationOperation invocation)
    {
        var syntax = invocation.Syntax;
        if (syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } call)
        {
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(memberAccess.Name.SpanStart, call.Span.End));
        }

        return syntax.GetLocation();
    }
}
