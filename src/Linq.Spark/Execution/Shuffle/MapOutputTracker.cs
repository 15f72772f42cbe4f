namespace Linq.Spark.Execution.Shuffle;

/// <summary>Tracks, for one shuffle of one job, the output of every map task, so reducers can find their blocks.</summary>
internal sealed class MapOutputTracker(int numMaps)
{
    private readonly MapStatus?[] _statuses = new MapStatus?[numMaps];

    public int NumMaps => _statuses.Length;

    public void Register(MapStatus status) => _statuses[status.MapId] = status;

    /// <summary>The outputs of all map tasks, in map order (which is source order for ordered inputs).</summary>
    public IEnumerable<MapStatus> Statuses => _statuses.Select((s, i) => s ?? throw new InvalidOperationException($"Map output {i} is missing."));

    /// <summary>Forgets the outputs held by a lost executor; returns the map tasks that must run again.</summary>
    public IReadOnlyList<int> Unregister(string executorId)
    {
        var lost = new List<int>();
        for (var m = 0; m < _statuses.Length; m++)
        {
            if (_statuses[m] is { } status && status.ExecutorId == executorId)
            {
                _statuses[m] = null;
                lost.Add(m);
            }
        }

        return lost;
    }

    /// <summary>Whether every map task's output is registered.</summary>
    public bool IsComplete => Array.TrueForAll(_statuses, s => s is not null);

    public long TotalRows => _statuses.Sum(s => s?.Rows ?? 0);

    public long TotalBytes => _statuses.Sum(s => s?.Bytes ?? 0);

    /// <summary>For a range shuffle: the reducers' key bounds, which the driver picks from the map tasks' samples once the map stage is done.</summary>
    public Array? RangeBounds { get; set; }

    /// <summary>The map outputs in order, up to and including the first that failed (nothing after it was reached).</summary>
    public IEnumerable<MapStatus> UpToFirstFailure()
    {
        foreach (var status in Statuses)
        {
            yield return status;
            if (status.Failure is not null)
            {
                yield break;
            }
        }
    }
}
