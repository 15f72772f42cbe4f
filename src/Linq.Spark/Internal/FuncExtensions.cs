namespace Linq.Spark.Internal;

/// <summary>Composition of delegate factories.</summary>
internal static class FuncExtensions
{
    /// <summary>Returns x => next(first(x)).</summary>
    public static Func<TIn, TOut> AndThen<TIn, TMid, TOut>(this Func<TIn, TMid> first, Func<TMid, TOut> next) => x => next(first(x));
}
