using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Linq.Spark.Sources.Files;

/// <summary>A file source's formats, as a <see cref="FileScanSpec"/> names them.</summary>
internal enum FileFormat
{
    Parquet,
    Csv,
    Json,
    Arrow,
}

/// <summary>A source that reads files, and can say how an executor opens the very same scan.</summary>
internal interface IFileSource : IDataSource
{
    /// <summary>How this source was opened and the partitions it planned.</summary>
    FileScanSpec Spec { get; }
}

/// <summary>
/// How a file source was opened on the driver — its format, full path, split settings and CSV options — and a digest
/// of the partitions it planned, so that a cluster executor opens the same files itself, into the same partitions, as
/// Spark's executors read their own file splits; an executor that lists other files (changed since, or another folder
/// at that path) refuses the scan instead of answering from other data.
/// </summary>
internal sealed record FileScanSpec(
    FileFormat Format, string Path, long MaxPartitionBytes, long FileOpenCostBytes, int Parallelism, int BatchSize, CsvReadOptions? Csv)
{
    private const int Magic = 0x4C534653; // "LSFS"

    /// <summary>A digest of the partitions the driver planned: each split's file and place, in partition order.</summary>
    public string Layout { get; init; } = string.Empty;

    /// <summary>The spec of a source the driver opens at <paramref name="path"/> with <paramref name="session"/>'s settings.</summary>
    public static FileScanSpec Of(FileFormat format, string path, SparkOptions session, CsvReadOptions? csv = null) => new(
        format, System.IO.Path.GetFullPath(path), session.MaxPartitionBytes, session.FileOpenCostBytes, session.EffectiveDefaultParallelism, session.BatchSize, csv);

    /// <summary>This spec with the digest of <paramref name="partitions"/>, each split named by <paramref name="place"/>.</summary>
    public FileScanSpec WithLayout<TSplit>(IReadOnlyList<IReadOnlyList<TSplit>> partitions, Func<TSplit, string> place)
    {
        var text = string.Join('\n', partitions.Select(p => string.Join(';', p.Select(place))));
        return this with { Layout = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))) };
    }

    /// <summary>Opens the scan this spec describes on an executor, with rows of <paramref name="rowType"/>, and checks that it planned the driver's partitions.</summary>
    public IDataSource Open(Type rowType, string executorId)
    {
        var session = new SparkOptions
        {
            MaxPartitionBytes = MaxPartitionBytes,
            FileOpenCostBytes = FileOpenCostBytes,
            DefaultParallelism = Parallelism,
            BatchSize = BatchSize,
        };
        IFileSource source;
        try
        {
            source = Format switch
            {
                FileFormat.Parquet => ParquetSource.Open(rowType, Path, session),
                FileFormat.Csv => CsvSource.Open(rowType, Path, Csv ?? new CsvReadOptions(), session),
                FileFormat.Json => JsonLinesSource.Open(rowType, Path, session),
                _ => ArrowSource.Open(rowType, Path, session),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new InvalidDataException(
                $"Executor {executorId} cannot open the {Format} files at {Path}: {e.Message} Workers read file sources themselves, so the path must name the same files on every worker.", e);
        }

        return source.Spec.Layout == Layout
            ? source
            : throw new InvalidDataException(
                $"Executor {executorId} finds other {Format} files at {Path} than the driver planned ({source.Describe()}): the files changed after the query was opened, or the path names another folder on this worker. Open the files again, or give every worker the same files.");
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write((int)Format);
        writer.Write(Path);
        writer.Write(MaxPartitionBytes);
        writer.Write(FileOpenCostBytes);
        writer.Write(Parallelism);
        writer.Write(BatchSize);
        writer.Write(Layout);
        writer.Write(Csv is not null);
        if (Csv is { } csv)
        {
            writer.Write(csv.Header);
            writer.Write(csv.Delimiter);
            writer.Write((int)csv.Mode);
            writer.Write(csv.NullValue is not null);
            writer.Write(csv.NullValue ?? string.Empty);
            writer.Write(csv.Culture.Name);
        }

        writer.Flush();
        return stream.ToArray();
    }

    public static FileScanSpec FromBytes(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("The bytes are not a Linq.Spark file scan.");
        }

        var (format, path, maxPartition, openCost, parallelism, batchSize, layout) =
            ((FileFormat)reader.ReadInt32(), reader.ReadString(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadString());
        CsvReadOptions? csv = null;
        if (reader.ReadBoolean())
        {
            var (header, delimiter, mode, hasNull, nullValue, culture) =
                (reader.ReadBoolean(), reader.ReadChar(), (CsvParseMode)reader.ReadInt32(), reader.ReadBoolean(), reader.ReadString(), reader.ReadString());
            csv = new CsvReadOptions
            {
                Header = header,
                Delimiter = delimiter,
                Mode = mode,
                NullValue = hasNull ? nullValue : null,
                Culture = CultureInfo.GetCultureInfo(culture),
            };
        }

        return new FileScanSpec(format, path, maxPartition, openCost, parallelism, batchSize, csv) { Layout = layout };
    }
}
