using System.Text;

namespace Linq.Spark;

/// <summary>
/// Spark's console progress bar as a listener, <c>[Stage 3:=====&gt;      (12 + 2) / 40]</c> (completed + running tasks /
/// total), for any session: <c>session.AddListener(new ConsoleProgressListener())</c>.
/// </summary>
/// <remarks>
/// On a terminal the bar is redrawn in place on one line for every stage that has run at least <see cref="FirstDelay"/>,
/// and erased when stages end; short stages are never drawn, as in Spark, so fast queries print no flicker. On a file or
/// pipe (a CI log) each such stage gets a line of its own, at most one per <see cref="LinePeriod"/>. Listener events only
/// update counters under a lock; a timer draws every <see cref="UpdatePeriod"/>, so tasks never wait on the console.
/// </remarks>
public sealed class ConsoleProgressListener : ISparkListener, IDisposable
{
    /// <summary>How long a stage runs before it is shown.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the progress is drawn.</summary>
    public static readonly TimeSpan UpdatePeriod = TimeSpan.FromMilliseconds(200);

    /// <summary>When the output is not a terminal, the least time between two lines about the same stage.</summary>
    public static readonly TimeSpan LinePeriod = TimeSpan.FromSeconds(5);

    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly int _width;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, StageProgress> _stages = [];
    private readonly ITimer _timer;
    private string _shown = "";

    /// <summary>Draws on standard error: in place when it is a terminal, as lines otherwise.</summary>
    public ConsoleProgressListener()
        : this(Console.Error, interactive: !Console.IsErrorRedirected, TerminalWidth())
    {
    }

    /// <summary>Draws on <paramref name="writer"/>, in place (<paramref name="interactive"/>) or as lines, <paramref name="width"/> columns wide.</summary>
    /// <param name="writer">Where the progress goes.</param>
    /// <param name="interactive">Whether the writer is a terminal that a carriage return rewinds.</param>
    /// <param name="width">The columns the progress may use (at least 20).</param>
    /// <param name="time">The clock and timer (for tests); null is the system's.</param>
    public ConsoleProgressListener(TextWriter writer, bool interactive, int width = 80, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _interactive = interactive;
        _width = Math.Max(width, 20);
        _time = time ?? TimeProvider.System;
        _timer = _time.CreateTimer(_ => Refresh(), null, UpdatePeriod, UpdatePeriod);
    }

    /// <summary>The usable width of the terminal behind stderr, less one column so the cursor never wraps (79 without one).</summary>
    public static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth - 1 : 79;
        }
        catch (IOException)
        {
            return 79;
        }
    }

    /// <inheritdoc />
    public void OnStageSubmitted(int jobId, int stageId, int numTasks)
    {
        lock (_lock)
        {
            _stages[stageId] = new StageProgress(jobId, numTasks, _time.GetTimestamp());
        }
    }

    /// <inheritdoc />
    public void OnTaskStart(int jobId, int stageId, int partitionId, int attempt)
    {
        lock (_lock)
        {
            if (_stages.TryGetValue(stageId, out var stage))
            {
                stage.Running++;
            }
        }
    }

    /// <inheritdoc />
    public void OnTaskEnd(TaskInfo task)
    {
        lock (_lock)
        {
            if (_stages.TryGetValue(task.StageId, out var stage))
            {
                stage.Running = Math.Max(0, stage.Running - 1);
                stage.Completed += task.Error is null ? 1 : 0;
            }
        }
    }

    /// <inheritdoc />
    public void OnStageCompleted(int jobId, StageInfo stage)
    {
        lock (_lock)
        {
            _stages.Remove(stage.StageId);
            Erase();
        }
    }

    /// <inheritdoc />
    public void OnJobEnd(JobInfo job)
    {
        // A failed job ends stages that never complete; drop them so the bar does not linger.
        lock (_lock)
        {
            foreach (var stageId in _stages.Where(s => s.Value.JobId == job.JobId).Select(s => s.Key).ToList())
            {
                _stages.Remove(stageId);
            }

            Erase();
        }
    }

    /// <summary>Draws the stages that have run long enough, or erases the bar when there are none.</summary>
    public void Refresh()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (!_interactive)
            {
                WriteLines(now);
                return;
            }

            var visible = _stages
                .Where(s => _time.GetElapsedTime(s.Value.SubmittedAt, now) >= FirstDelay)
                .Select(s => (s.Key, s.Value.Completed, s.Value.Running, s.Value.Total))
                .ToList();
            if (visible.Count == 0)
            {
                Erase();
                return;
            }

            var line = Format(visible, _width);
            if (line != _shown)
            {
                _writer.Write('\r' + line.PadRight(_shown.Length));
                _writer.Flush();
                _shown = line;
            }
        }
    }

    /// <summary>Spark's bar text for the given stages, splitting <paramref name="width"/> evenly between them.</summary>
    public static string Format(IReadOnlyList<(int StageId, int Completed, int Running, int Total)> stages, int width)
    {
        var text = new StringBuilder();
        var each = width / Math.Max(1, stages.Count);
        foreach (var (stageId, completed, running, total) in stages)
        {
            var header = $"[Stage {stageId}:";
            var tail = $"({completed} + {running}) / {total}]";
            var barWidth = each - header.Length - tail.Length;
            text.Append(header);
            if (barWidth > 0)
            {
                var done = total > 0 ? (int)Math.Min(barWidth, (long)barWidth * completed / total) : barWidth;
                for (var i = 0; i < barWidth; i++)
                {
                    text.Append(i < done ? '=' : i == done ? '>' : ' ');
                }
            }

            text.Append(tail);
        }

        return text.ToString();
    }

    /// <summary>Stops drawing and erases the bar.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            _stages.Clear();
            Erase();
        }
    }

    /// <summary>A line for each stage shown that has had none for <see cref="LinePeriod"/>.</summary>
    private void WriteLines(long now)
    {
        var wrote = false;
        foreach (var (stageId, stage) in _stages)
        {
            if (_time.GetElapsedTime(stage.SubmittedAt, now) >= FirstDelay
                && (stage.LastLine is not { } last || _time.GetElapsedTime(last, now) >= LinePeriod))
            {
                _writer.WriteLine(Format([(stageId, stage.Completed, stage.Running, stage.Total)], _width));
                stage.LastLine = now;
                wrote = true;
            }
        }

        if (wrote)
        {
            _writer.Flush();
        }
    }

    private void Erase()
    {
        if (_shown.Length == 0)
        {
            return;
        }

        _writer.Write('\r' + new string(' ', _shown.Length) + '\r');
        _writer.Flush();
        _shown = "";
    }

    /// <summary>The counters of one running stage.</summary>
    private sealed class StageProgress(int jobId, int total, long submittedAt)
    {
        public int JobId { get; } = jobId;

        public int Total { get; } = total;

        public long SubmittedAt { get; } = submittedAt;

        public int Completed { get; set; }

        public int Running { get; set; }

        /// <summary>When the stage's last line was written (output that is not a terminal).</summary>
        public long? LastLine { get; set; }
    }
}
