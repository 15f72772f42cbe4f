using System.Diagnostics;
using System.Reflection;

namespace Linq.Spark.Tests;

/// <summary>Tells whether an exception that LINQ to Objects threw came from a user lambda or from the operator itself.</summary>
/// <remarks>
/// Linq.Spark may wrap an error raised inside a user lambda in <see cref="SparkJobException"/>, because it ran in a task,
/// but must throw an operator's own error (First on an empty sequence, int Sum overflow, Cast) as LINQ does. The stack
/// is walked from the throw site to the first user frame (a compiled or interpreted lambda, or a method of this test
/// assembly), then past the user frames to their caller: a LINQ to Objects operator (System.Linq.dll) calling user code
/// means the error was raised inside a user lambda — even when the lambda itself called a LINQ method that threw,
/// as in <c>x => Enumerable.Range(0, x.Id % 3)</c>. Any other caller (the compiled outer query called from
/// EnumerableQuery, or the test itself) means the operator threw.
/// </remarks>
public static class ExceptionOrigin
{
    private static readonly Assembly LinqAssembly = typeof(Enumerable).Assembly;

    /// <summary>Whether <paramref name="exception"/> was raised inside a user lambda (or a method it called).</summary>
    public static bool IsFromUserLambda(Exception exception)
    {
        var methods = new StackTrace(exception, fNeedFileInfo: false).GetFrames().Select(f => f.GetMethod()).ToList();
        int i = 0;
        while (i < methods.Count && !IsUserCode(methods[i]))
        {
            i++;
        }

        while (i < methods.Count && IsUserCode(methods[i]))
        {
            i++;
        }

        return i < methods.Count && methods[i]!.DeclaringType?.Assembly == LinqAssembly;
    }

    // A compiled lambda is a DynamicMethod, whose frame has no resolvable method.
    private static bool IsUserCode(MethodBase? method) =>
        method is null
        || method.Name.StartsWith("lambda_method", StringComparison.Ordinal)
        || method.DeclaringType?.Assembly == typeof(ExceptionOrigin).Assembly
        || (method.DeclaringType?.Namespace ?? string.Empty).StartsWith("System.Linq.Expressions", StringComparison.Ordinal);
}
