namespace Linq.Spark;

/// <summary>What a write does when its destination already exists (Spark's SaveMode).</summary>
public enum WriteMode
{
    /// <summary>The write fails before any task runs.</summary>
    ErrorIfExists,

    /// <summary>The destination's files are replaced, once the new ones are all written.</summary>
    Overwrite,

    /// <summary>The new files are added beside the existing ones.</summary>
    Append,

    /// <summary>Nothing is written and no job runs.</summary>
    Ignore,
}
