namespace Linq.Spark.UI.Tests.Infrastructure;

/// <summary>What a query's lambda calls to be held: every row waits until the test opens the gate, so the job stays running.</summary>
public sealed class Gate
{
    private readonly ManualResetEventSlim _open = new();
    private int _waiting;

    /// <summary>Tasks that have reached the gate and wait at it (or did).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits until the gate opens (at most 30 s, so a broken test cannot hang the run), then lets the row through.</summary>
    public bool Pass(int row)
    {
        if (!_open.IsSet)
        {
            Interlocked.Increment(ref _waiting);
            _open.Wait(TimeSpan.FromSeconds(30));
        }

        return row >= 0;
    }

    /// <summary>Lets every held task go on.</summary>
    public void Open() => _open.Set();
}
