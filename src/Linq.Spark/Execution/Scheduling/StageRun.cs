using System.Diagnostics;
using Linq.Spark.Planning.Stages;

namespace Linq.Spark.Execution.Scheduling;

/// <summary>The driver's bookkeeping for one submitted stage of a running job.</summary>
internal sealed class StageRun(Stage stage, int stageId)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public Stage Stage { get; } = stage;

    /// <summary>The session-wide stage id (Spark numbers stages across jobs).</summary>
    public int StageId { get; } = stageId;

    public int Remaining { get; set; } = stage.NumTasks;

    public int FailedAttempts { get; set; }

    public bool Done => Remaining == 0;

    /// <summary>Whether the stage has finished once (a map stage whose outputs were lost runs some tasks again after).</summary>
    public bool Completed { get; set; }

    /// <summary>How many times lost map outputs of this stage were computed again.</summary>
    public int Resubmissions { get; set; }

    /// <summary>Tasks of later stages whose fetch failed, waiting for this map stage to be whole again.</summary>
    public List<(StageRun Stage, int Partition, int Attempt)> Waiting { get; } = [];

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>How long each successful task ran, by partition, in the order they ended.</summary>
    public List<(int Partition, TimeSpan Duration)> Durations { get; } = [];

    /// <summary>The bytes its successful task attempts wrote to disk (shuffle blocks and spill files).</summary>
    public long SpilledBytes { get; set; }

    /// <summary>The most execution memory any one of its successful task attempts held at once.</summary>
    public long PeakExecutionMemory { get; set; }

    /// <summary>The stage's OpenTelemetry span, or null when nobody listens.</summary>
    public System.Diagnostics.Activity? Span { get; init; }
}
