using System.Collections.Concurrent;

namespace Linq.Spark.Tests;

/// <summary>Makes the first visit to each trapped row id throw, and lets every later visit through: a transient task failure.</summary>
public sealed class FailOnceTrap(params int[] ids)
{
    private readonly ConcurrentDictionary<int, bool> _sprung = new(ids.Select(id => KeyValuePair.Create(id, false)));
    private int _failures;

    /// <summary>How many times a trap has thrown.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Throws <see cref="TimeoutException"/> on the first visit to a trapped id; returns <paramref name="row"/> otherwise.</summary>
    public Row Pass(Row row)
    {
        if (_sprung.TryUpdate(row.Id, true, false))
        {
            Interlocked.Increment(ref _failures);
            throw new TimeoutException($"transient failure at row {row.Id}");
        }

        return row;
    }
}
