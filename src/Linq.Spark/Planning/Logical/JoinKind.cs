namespace Linq.Spark.Planning.Logical;

/// <summary>The LINQ join flavours, and the existence joins the optimizer turns some of them into.</summary>
internal enum JoinKind
{
    Inner,
    Left,
    Right,
    Group,

    /// <summary>Each left row once when some right row has its key (EXISTS, IN); the result selector's second parameter is the constant true.</summary>
    Semi,

    /// <summary>Each left row once when no right row has its key (NOT EXISTS); the result selector's second parameter is the constant false.</summary>
    Anti,

    /// <summary>Each left row once, with whether some right row has its key as the result selector's second (bool) parameter: DuckDB's mark join.</summary>
    Mark,
}

/// <summary>Helpers over <see cref="JoinKind"/>.</summary>
internal static class JoinKinds
{
    /// <summary>Whether the join only asks whether a right row has the key (Semi, Anti, Mark): the right rows never reach the result.</summary>
    public static bool IsExistence(this JoinKind kind) => kind is JoinKind.Semi or JoinKind.Anti or JoinKind.Mark;
}
