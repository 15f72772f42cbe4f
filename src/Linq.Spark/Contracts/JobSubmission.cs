namespace Linq.Spark;

/// <summary>A job as it is submitted: its id, what it runs, when, and its planned stages numbered by their session-wide stage ids.</summary>
/// <remarks>
/// The stages are those <see cref="ISparkListener.OnStageSubmitted"/> and <see cref="StageInfo"/> will report, under
/// the same ids, as Spark's SparkListenerJobStart carries its stage infos; <see cref="PlanText"/> is the query's
/// <c>Explain()</c> text.
/// </remarks>
public sealed record JobSubmission(int JobId, string Description, DateTimeOffset SubmissionTime, IReadOnlyList<StagePlan> Stages, string PlanText);
