namespace Linq.Spark;

/// <summary>What reading a malformed CSV row does (Spark's mode option).</summary>
public enum CsvParseMode
{
    /// <summary>The job fails with an error naming the file, line, column and value.</summary>
    FailFast,

    /// <summary>The row is skipped.</summary>
    DropMalformed,
}
