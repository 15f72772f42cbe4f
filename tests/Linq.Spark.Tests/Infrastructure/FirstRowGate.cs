namespace Linq.Spark.Tests;

/// <summary>Holds the first row that passes until the token is cancelled, and says when it got there; rows after the cancellation throw it.</summary>
public sealed class FirstRowGate(CancellationToken cancelled)
{
    private int _passed;

    /// <summary>Released when the first row arrives.</summary>
    public SemaphoreSlim Reached { get; } = new(0);

    /// <summary>Passes a row's key on; the first waits for the cancellation (at most 30 seconds).</summary>
    public int Pass(int key)
    {
        if (Interlocked.Exchange(ref _passed, 1) == 0)
        {
            Reached.Release();
            cancelled.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
        }

        // Every later row, and this one once released, sees the cancellation (the row may be its partition's last).
        cancelled.ThrowIfCancellationRequested();
        return key;
    }
}
