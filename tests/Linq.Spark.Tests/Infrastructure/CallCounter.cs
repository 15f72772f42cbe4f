namespace Linq.Spark.Tests;

/// <summary>Counts how often a query lambda ran, from any executor thread.</summary>
public sealed class CallCounter
{
    private long _calls;

    /// <summary>The number of calls so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Counts one call and returns <paramref name="value"/>; called from inside query lambdas.</summary>
    public T Count<T>(T value)
    {
        Interlocked.Increment(ref _calls);
        return value;
    }
}
