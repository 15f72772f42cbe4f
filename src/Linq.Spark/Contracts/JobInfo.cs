namespace Linq.Spark;

/// <summary>What one job (one action) did: its stages, how long it took and whether it succeeded.</summary>
public sealed record JobInfo(int JobId, string Description, IReadOnlyList<StageInfo> Stages, TimeSpan Duration, bool Succeeded)
{
    /// <summary>Why the job failed (the task's error, or the cancellation), or null when it succeeded.</summary>
    public Exception? Error { get; init; }
}
