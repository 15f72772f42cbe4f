using static System.FormattableString;

namespace Linq.Spark.Execution.Memory;

/// <summary>
/// The execution memory of one task attempt (Spark's TaskMemoryManager): its operators' reservations, what they hold
/// together, and the most they held at once, in all and per operator. Everything is given back when the task ends.
/// </summary>
/// <param name="manager">The session's executor memory.</param>
/// <param name="task">The task, as error messages name it ("task 3 (attempt 1) of stage 2"), worked out only for an error.</param>
internal sealed class TaskMemory(MemoryManager manager, Func<string> task)
{
    private readonly List<MemoryReservation> _reservations = [];

    /// <summary>A task's memory, named by a fixed text.</summary>
    public TaskMemory(MemoryManager manager, string task)
        : this(manager, () => task)
    {
    }

    private Dictionary<int, long>? _operatorPeaks;
    private Dictionary<int, long>? _operatorSpills;

    /// <summary>The test switch of <see cref="MemoryManager.ForceSpillBytes"/>.</summary>
    public long ForceSpillBytes => manager.ForceSpillBytes;

    /// <summary>The bytes the task's operators hold now.</summary>
    public long Held { get; private set; }

    /// <summary>The most the task's operators held at once.</summary>
    public long Peak { get; private set; }

    /// <summary>The bytes the task's operators wrote to spill files.</summary>
    public long SpilledBytes { get; private set; }

    /// <summary>The most each operator (by id) held at once in this task; empty when none reserved.</summary>
    public IReadOnlyDictionary<int, long> OperatorPeaks => _operatorPeaks ?? (IReadOnlyDictionary<int, long>)Empty;

    /// <summary>The bytes each operator (by id) wrote to disk in this task; empty when none did.</summary>
    public IReadOnlyDictionary<int, long> OperatorSpills => _operatorSpills ?? (IReadOnlyDictionary<int, long>)Empty;

    private static readonly Dictionary<int, long> Empty = [];

    /// <summary>A new reservation for an operator, holding nothing yet.</summary>
    /// <param name="operatorId">The operator's id in its plan.</param>
    /// <param name="name">The operator as the user reads it in Explain.</param>
    public MemoryReservation Reserve(int operatorId, string name) => Reserve(operatorId, () => name);

    /// <summary>A new reservation for an operator, whose name (for errors) is worked out only if one is raised.</summary>
    public MemoryReservation Reserve(int operatorId, Func<string> name)
    {
        var reservation = new MemoryReservation(this, operatorId, name);
        _reservations.Add(reservation);
        return reservation;
    }

    /// <summary>Adds bytes an operator wrote to disk (spill files, or shuffle blocks that did not fit in memory).</summary>
    public void AddSpilled(int operatorId, long bytes)
    {
        SpilledBytes += bytes;
        _operatorSpills ??= [];
        _operatorSpills[operatorId] = _operatorSpills.GetValueOrDefault(operatorId) + bytes;
    }

    /// <summary>Gives back everything the task's operators still hold (the task ended, however it ended).</summary>
    public void ReleaseAll()
    {
        foreach (var reservation in _reservations)
        {
            reservation.Free();
        }

        _reservations.Clear();
        manager.ReleaseExecution(this, 0, done: true);
    }

    internal bool TryGrow(MemoryReservation reservation, long bytes, bool force = false)
    {
        if (force)
        {
            manager.ForceAcquireExecution(this, bytes);
        }
        else if (!manager.TryAcquireExecution(this, bytes, out _))
        {
            return false;
        }

        Held += bytes;
        Peak = Math.Max(Peak, Held);
        _operatorPeaks ??= [];
        _operatorPeaks[reservation.OperatorId] = Math.Max(_operatorPeaks.GetValueOrDefault(reservation.OperatorId), reservation.Size + bytes);
        return true;
    }

    internal void Shrink(long bytes)
    {
        Held -= bytes;
        manager.ReleaseExecution(this, bytes, done: false);
    }

    /// <summary>The error of a reservation the task cannot get even after its operator gave back what it could.</summary>
    internal SparkMemoryException Refused(MemoryReservation reservation, long bytes)
    {
        var share = manager.ShareOf(this);
        var message =
            Invariant($"{reservation.Name} (operator {reservation.OperatorId}) in {task()} needs {bytes:N0} more bytes of execution memory and cannot get them: ")
            + Invariant($"it holds {reservation.Size:N0} bytes, the task's operators {Held:N0} bytes, and the task's share is {share:N0} bytes of the executor memory's {manager.Total:N0} bytes ")
            + Invariant($"({manager.ActiveTasks} running tasks hold execution memory, blocks in memory hold {manager.StorageUsed:N0} bytes). ")
            + "Raise SparkOptions.ExecutorMemory, or run fewer executor threads.";
        return new SparkMemoryException(message, reservation.Name, bytes, share, manager.Total);
    }
}

/// <summary>
/// The memory one operator of a task holds (DataFusion's MemoryReservation): it grows before the operator's buffers
/// do, and an operator whose growth is refused spills and frees it.
/// </summary>
internal sealed class MemoryReservation
{
    private readonly TaskMemory _task;

    internal MemoryReservation(TaskMemory task, int operatorId, Func<string> name)
    {
        _task = task;
        OperatorId = operatorId;
        _name = new Lazy<string>(name, LazyThreadSafetyMode.None);
    }

    /// <summary>The operator's id in its plan.</summary>
    public int OperatorId { get; }

    /// <summary>The operator as Explain shows it.</summary>
    public string Name => _name.Value;

    private readonly Lazy<string> _name;

    /// <summary>The bytes held.</summary>
    public long Size { get; private set; }

    /// <summary>Grows to at least <paramref name="bytes"/>, asking for a quarter more to make the next asks rarer; false (nothing granted) when even the bytes needed are refused.</summary>
    /// <param name="bytes">The bytes the operator's buffers take now.</param>
    /// <param name="pass">How many times the operator's input was split before (0: its first pass, which the test switch <see cref="MemoryManager.ForceSpillBytes"/> refuses past its bytes).</param>
    public bool TryGrowTo(long bytes, int pass = 0)
    {
        if (bytes <= Size)
        {
            return true;
        }

        if (pass == 0 && _task.ForceSpillBytes is > 0 and var limit && bytes > limit)
        {
            return false;
        }

        var needed = bytes - Size;
        if (_task.TryGrow(this, needed + (bytes >> 2)))
        {
            Size += needed + (bytes >> 2);
            return true;
        }

        if (_task.TryGrow(this, needed))
        {
            Size += needed;
            return true;
        }

        return false;
    }

    /// <summary>Grows to at least <paramref name="bytes"/>, or throws <see cref="SparkMemoryException"/> naming the operator and the numbers (for an operator that has nothing left to spill).</summary>
    public void GrowTo(long bytes)
    {
        if (!TryGrowTo(bytes, pass: int.MaxValue))
        {
            throw _task.Refused(this, bytes - Size);
        }
    }

    /// <summary>
    /// Holds exactly <paramref name="bytes"/> whatever the limits, for an operator that cannot spill yet (a join's build
    /// side, a partial aggregation, a top-n): its memory still counts against the other tasks' share and in its peak.
    /// </summary>
    public void Hold(long bytes)
    {
        if (bytes > Size)
        {
            _task.TryGrow(this, bytes - Size, force: true);
            Size = bytes;
        }
    }

    /// <summary>Gives back what is held past <paramref name="bytes"/> (the operator's buffers shrank).</summary>
    public void ShrinkTo(long bytes)
    {
        if (bytes < Size)
        {
            _task.Shrink(Size - Math.Max(0, bytes));
            Size = Math.Max(0, bytes);
        }
    }

    /// <summary>Gives back everything held (the operator spilled, or is done).</summary>
    public void Free()
    {
        if (Size > 0)
        {
            _task.Shrink(Size);
            Size = 0;
        }
    }

    /// <summary>Adds bytes the operator wrote to a spill file to its task's count.</summary>
    public void AddSpilled(long bytes) => _task.AddSpilled(OperatorId, bytes);
}
