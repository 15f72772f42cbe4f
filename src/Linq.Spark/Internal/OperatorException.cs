namespace Linq.Spark.Internal;

/// <summary>
/// Carries an error raised by a LINQ operator itself (an overflowing Sum, an invalid Cast, a null CountBy key) out of a
/// task, so the caller gets LINQ to Objects' exception as it is rather than a SparkJobException, which is kept for
/// errors in user lambdas.
/// </summary>
internal sealed class OperatorException(Exception inner) : Exception(inner.Message, inner)
{
    /// <summary>Rethrows the operator's own exception, keeping its stack trace.</summary>
    public void Rethrow() => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(InnerException!);
}
