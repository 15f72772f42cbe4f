using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>One operator call in a query chain, such as <c>.Where(x =&gt; x.A &gt; 1)</c>.</summary>
internal sealed class QueryStep
{
    public QueryStep(IInvocationOperation invocation, bool fromLocal)
    {
        Invocation = invocation;
        FromLocal = fromLocal;
    }

    /// <summary>The call.</summary>
    public IInvocationOperation Invocation { get; }

    /// <summary>The operator's method.</summary>
    public IMethodSymbol Method => Invocation.TargetMethod;

    /// <summary>The operator's name (Where, GroupBy, Repartition...).</summary>
    public string Name => Invocation.TargetMethod.Name;

    /// <summary>Whether the step sits in a local's initializer rather than in the analyzed expression.</summary>
    public bool FromLocal { get; }

    /// <summary>The value passed for the parameter called <paramref name="parameterName"/>, conversions removed.</summary>
    public IOperation? Argument(string parameterName) => Invocation.ArgumentValue(parameterName);

    /// <summary>The lambda passed for the parameter called <paramref name="parameterName"/>, if one was.</summary>
    public IAnonymousFunctionOperation? Lambda(string parameterName) => Argument(parameterName).AsLambda();

    /// <summary>Whether this is a join whose inner side is marked Broadcast() (the outer side is not shuffled).</summary>
    public bool IsBroadcastJoin(SparkSymbols symbols) =>
        QueryOperators.IsJoin(Name)
        && Argument("inner") is IInvocationOperation inner
        && inner.TargetMethod.Name == "Broadcast"
        && symbols.IsSparkExtension(inner.TargetMethod);

    /// <summary>Whether this step shuffles its input (a broadcast join does not).</summary>
    public bool IsShuffle(SparkSymbols symbols) =>
        QueryOperators.IsShuffleName(Name) && !IsBroadcastJoin(symbols);

    /// <summary>Whether a parameter with this name exists on the overload that was called.</summary>
    public bool HasParameter(string parameterName)
    {
        foreach (var parameter in Method.Parameters)
        {
            if (parameter.Name == parameterName)
            {
                return true;
            }
        }

        return false;
    }
}
