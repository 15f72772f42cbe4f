using ParquetSharp;

namespace Linq.Spark.Sources.Files;

/// <summary>What reading and writing Parquet share: the .NET types dates and times map to, and opening a file with errors that name it.</summary>
internal static class ParquetFiles
{
    /// <summary>Parquet DATE as DateOnly and TIME as TimeOnly, the types members hold.</summary>
    public static LogicalTypeFactory Types { get; } = new() { DateAsDateOnly = true, TimeAsTimeOnly = true };

    /// <summary>Opens a Parquet file for reading; a file that is not Parquet (or is truncated) fails naming it.</summary>
    public static ParquetFileReader Open(string path, string reader)
    {
        try
        {
            return new ParquetFileReader(path) { LogicalTypeFactory = Types };
        }
        catch (ParquetException e)
        {
            throw Corrupt(path, reader, e);
        }
    }

    /// <summary>The error for a file Parquet cannot read, naming the file.</summary>
    public static InvalidDataException Corrupt(string path, string reader, Exception cause) =>
        new($"{reader}: {path} is not a readable Parquet file ({cause.Message.Split('\n')[0].Trim()}).", cause);
}
