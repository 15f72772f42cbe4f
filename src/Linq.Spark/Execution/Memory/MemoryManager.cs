namespace Linq.Spark.Execution.Memory;

/// <summary>
/// A session's executor memory (<see cref="SparkOptions.ExecutorMemory"/>), shared as Spark's unified memory manager
/// shares it, without eviction: blocks held in memory (storage: shuffle blocks) take at most half of it, and only what
/// execution leaves free; operators' buffers (execution: hash tables, sort buffers, groups) take what storage leaves,
/// shared fairly between the tasks that hold some — with N such tasks, one may hold at most 1/N of it (Spark's
/// ExecutionMemoryPool). A refused reservation makes the operator spill; nothing waits.
/// </summary>
/// <param name="total">The executor memory in bytes.</param>
/// <param name="forceSpillBytes">A test switch (0: off): an operator's first pass is refused past this many bytes, as if memory were short.</param>
internal sealed class MemoryManager(long total, long forceSpillBytes = 0)
{
    private readonly Lock _lock = new();
    private readonly HashSet<TaskMemory> _tasks = [];
    private long _storage;
    private long _execution;

    /// <summary>The executor memory in bytes.</summary>
    public long Total => total;

    /// <summary>A test switch (0: off): the bytes past which an operator's first pass is refused as if memory were short, so that every buffering operator spills on small data.</summary>
    public long ForceSpillBytes => forceSpillBytes;

    /// <summary>The most that blocks held in memory may take (Spark's spark.memory.storageFraction of 0.5).</summary>
    public long StorageLimit => total / 2;

    /// <summary>The bytes of blocks held in memory now.</summary>
    public long StorageUsed
    {
        get
        {
            lock (_lock)
            {
                return _storage;
            }
        }
    }

    /// <summary>The bytes operators of running tasks hold now.</summary>
    public long ExecutionUsed
    {
        get
        {
            lock (_lock)
            {
                return _execution;
            }
        }
    }

    /// <summary>Holds <paramref name="bytes"/> for a block if storage stays within its half and the memory is free.</summary>
    public bool TryAcquireStorage(long bytes)
    {
        lock (_lock)
        {
            if (_storage + bytes > StorageLimit || _storage + _execution + bytes > total)
            {
                return false;
            }

            _storage += bytes;
            return true;
        }
    }

    /// <summary>Holds a block's bytes whatever the limit (a block that cannot be written to a file stays in memory).</summary>
    public void HoldStorage(long bytes)
    {
        lock (_lock)
        {
            _storage += bytes;
        }
    }

    /// <summary>Gives back a block's bytes.</summary>
    public void ReleaseStorage(long bytes)
    {
        lock (_lock)
        {
            _storage -= bytes;
        }
    }

    /// <summary>
    /// Grants <paramref name="bytes"/> more to <paramref name="task"/> when its holding stays within its fair share and
    /// the memory is free; otherwise grants nothing and returns the share it was held to.
    /// </summary>
    public bool TryAcquireExecution(TaskMemory task, long bytes, out long share)
    {
        lock (_lock)
        {
            _tasks.Add(task);
            var pool = total - _storage;
            share = pool / _tasks.Count;
            if (task.Held + bytes > share || _execution + bytes > pool)
            {
                return false;
            }

            _execution += bytes;
            return true;
        }
    }

    /// <summary>Grants <paramref name="bytes"/> to <paramref name="task"/> whatever the limits (an operator that cannot spill).</summary>
    public void ForceAcquireExecution(TaskMemory task, long bytes)
    {
        lock (_lock)
        {
            _tasks.Add(task);
            _execution += bytes;
        }
    }

    /// <summary>The most <paramref name="task"/> may hold now: an equal share of what storage leaves, among the tasks holding execution memory (it among them).</summary>
    public long ShareOf(TaskMemory task)
    {
        lock (_lock)
        {
            return (total - _storage) / (_tasks.Count + (_tasks.Contains(task) ? 0 : 1));
        }
    }

    /// <summary>Gives back execution memory; a task that holds none no longer counts in the fair share.</summary>
    public void ReleaseExecution(TaskMemory task, long bytes, bool done)
    {
        lock (_lock)
        {
            _execution -= bytes;
            if (done)
            {
                _tasks.Remove(task);
            }
        }
    }

    /// <summary>How many tasks hold execution memory now.</summary>
    public int ActiveTasks
    {
        get
        {
            lock (_lock)
            {
                return _tasks.Count;
            }
        }
    }
}
