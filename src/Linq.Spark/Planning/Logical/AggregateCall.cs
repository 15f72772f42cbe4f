using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>One aggregate of an Aggregate node: the function and the row expression it reads.</summary>
/// <param name="Kind">The function.</param>
/// <param name="Argument">Row -> value for Sum/Min/Max/Average; an optional row predicate for Count/LongCount.</param>
/// <param name="ResultType">The CLR type LINQ returns for this call.</param>
internal sealed record AggregateCall(AggregateKind Kind, LambdaExpression? Argument, Type ResultType)
{
    /// <summary>The input value type (Sum/Min/Max/Average), or null for counts.</summary>
    public Type? ValueType => Kind is AggregateKind.Count or AggregateKind.LongCount ? null : Argument?.ReturnType;

    public string Describe(string prefix = "") =>
        $"{prefix}{Kind.ToString().ToLowerInvariant()}({(Argument is null ? "1" : Argument.Body.ToString())})";
}
