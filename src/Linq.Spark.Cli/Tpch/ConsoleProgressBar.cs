using System.Text;

namespace Linq.Spark.Cli.Tpch;

/// <summary>
/// Spark's console progress bar, <c>[Stage 3:=====&gt;      (12 + 2) / 40]</c> (completed + running tasks / total), redrawn
/// in place on one line for every stage that has run at least <see cref="FirstDelay"/>, and erased when stages end.
/// </summary>
/// <remarks>
/// Listener events only update counters under a lock; a timer draws every <see cref="UpdatePeriod"/>, so tasks
/// never wait on the console. Short stages are never drawn, as in Spark, so fast queries print no flicker.
/// </remarks>
internal sealed class ConsoleProgressBar : ISparkListener, IDisposable
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan UpdatePeriod = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _writer;
    private readonly int _width;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, StageProgress> _stages = [];
    private readonly ITimer _timer;
    private string _shown = "";

    public ConsoleProgressBar(TextWriter writer, int width, TimeProvider? time = null)
    {
        _writer = writer;
        _width = Math.Max(width, 20);
        _time = time ?? TimeProvider.System;
        _timer = _time.CreateTimer(_ => Refresh(), null, UpdatePeriod, UpdatePeriod);
    }

    /// <summary>The usable width of the terminal behind stderr, less one column so the cursor never wraps.</summary>
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

    public void OnStageSubmitted(int jobId, int stageId, int numTasks)
    {
        lock (_lock)
        {
            _stages[stageId] = new StageProgress(jobId, numTasks, _time.GetTimestamp());
        }
    }

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

    public void OnStageCompleted(int jobId, StageInfo stage)
    {
        lock (_lock)
        {
            _stages.Remove(stage.StageId);
            Erase();
        }
    }

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

    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            _stages.Clear();
            Erase();
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
    }
}
