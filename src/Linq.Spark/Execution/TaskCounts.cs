namespace Linq.Spark.Execution;

/// <summary>A successful task attempt's counts per operator id, for its query's <see cref="QueryMetrics"/>.</summary>
/// <param name="Rows">Rows each operator handed on.</param>
/// <param name="Ran">Whether each operator ran.</param>
/// <param name="Ticks">Each operator's own time, in stopwatch ticks.</param>
/// <param name="PeakMemory">The most execution memory each operator held at once.</param>
/// <param name="Spilled">The bytes each operator wrote to disk.</param>
internal sealed record TaskCounts(long[] Rows, bool[] Ran, long[] Ticks, IReadOnlyDictionary<int, long> PeakMemory, IReadOnlyDictionary<int, long> Spilled)
{
    /// <summary>Adds the counts to the query's metrics.</summary>
    public void AddTo(QueryMetrics metrics)
    {
        metrics.Add(Rows, Ran);
        metrics.AddTime(Ticks);
        metrics.AddPeakMemory(PeakMemory);
        metrics.AddSpilled(Spilled);
    }
}
