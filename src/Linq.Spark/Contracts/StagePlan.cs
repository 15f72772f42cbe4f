namespace Linq.Spark;

/// <summary>One planned stage: its parents, how many tasks it runs, and the operators fused into it.</summary>
public sealed record StagePlan(
    int Id,
    IReadOnlyList<int> ParentIds,
    int NumTasks,
    bool IsShuffleMap,
    IReadOnlyList<string> Operators,
    bool IsVectorized,
    string? NotVectorizedReason);
