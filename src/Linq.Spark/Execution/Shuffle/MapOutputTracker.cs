namespace Linq.Spark.Execution.Shuffle;

/// <summary>Tracks, for one shuffle of one job, the output of every map task, so reducers can find their blocks.</summary>
internal sealed class MapOutputTracker(int numMaps)
{
    private readonly MapStatus?[] _statuses = new MapStatus?[numMaps];
    private object? _derived;

    public int NumMaps => _statuses.Length;

    public void Register(MapStatus status) => _statuses[status.MapId] = status;

    /// <summary>The outputs of all map tasks, in map order (which is source order for ordered inputs).</summary>
    public IEnumerable<MapStatus> Statuses => _statuses.Select((s, i) => s ?? throw new InvalidOperationException($"Map output {i} is missing."));

    public long TotalRows => _statuses.Sum(s => s?.Rows ?? 0);

    public long TotalBytes => _statuses.Sum(s => s?.Bytes ?? 0);

    /// <summary>A value computed once from all map outputs (the range bounds of a sort), shared by the reducers.</summary>
    public T Derive<T>(Func<MapOutputTracker, T> compute)
        where T : class
    {
        if (_derived is T value)
        {
            return value;
        }

        lock (_statuses)
        {
            _derived ??= compute(this);
            return (T)_derived;
        }
    }
}
