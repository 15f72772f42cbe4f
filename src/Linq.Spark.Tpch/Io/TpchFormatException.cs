namespace Linq.Spark.Tpch;

/// <summary>Thrown when a <c>.tbl</c> file holds a line that is not a valid row; names the file, line and field.</summary>
public sealed class TpchFormatException : FormatException
{
    /// <summary>Creates the exception for a bad field on a given line of a given file.</summary>
    public TpchFormatException(string fileName, int lineNumber, string field, string problem)
        : base($"{fileName}, line {lineNumber}, field {field}: {problem}")
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Field = field;
    }

    /// <summary>The path of the file that holds the bad line.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line number of the bad line.</summary>
    public int LineNumber { get; }

    /// <summary>The TPC-H column name of the bad field, for example <c>l_quantity</c>.</summary>
    public string Field { get; }
}
