namespace Linq.Spark.Sources.Files;

/// <summary>
/// What a write's tasks write: the format, the job's temporary folder under the destination, and the format's
/// options, and the members whose values name key=value folders (none: one file per task). A parameter value of the
/// write's plan, so it travels with a shipped plan.
/// </summary>
internal sealed record FileWriteSpec(string Format, string JobFolder, bool Header, char Delimiter, string? NullValue, string Culture)
{
    /// <summary>The members (by name) whose values name the folders rows go into, outermost first (Spark's partitionBy).</summary>
    public string[] PartitionColumns { get; init; } = [];

    /// <summary>The file name extension of the format.</summary>
    public string Extension => "." + Format;

    /// <summary>The write method, for messages ("WriteParquet").</summary>
    public string Writer => Format switch
    {
        "json" => "WriteJson",
        "parquet" => "WriteParquet",
        _ => "WriteCsv",
    };
}
