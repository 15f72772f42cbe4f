namespace Linq.Spark.Buffers;

/// <summary>Holds the one aggregation state of a global aggregate (no key), updated in place by kernels.</summary>
internal sealed class StateBox<TState>
{
    public TState Value;

    public StateBox(TState initial)
    {
        Value = initial;
    }
}
