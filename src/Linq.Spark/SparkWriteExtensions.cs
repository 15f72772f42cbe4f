using System.Globalization;
using System.Linq.Expressions;
using Linq.Spark.Planning.Translation;
using Linq.Spark.Sources.Files;

namespace Linq.Spark;

/// <summary>Writes a query's rows to files, one file per partition, committed atomically (Spark's DataFrameWriter).</summary>
/// <remarks>
/// Each write is one job. Its tasks write under <c>path/_temporary</c>; when all have succeeded the files move into
/// <c>path</c> and <c>_SUCCESS</c> is written; a failed or cancelled job leaves <c>path</c> as it was. Members are
/// written as columns (named by [ColumnName] where given), in declaration order.
/// </remarks>
public static class SparkWriteExtensions
{
    /// <summary>Writes the rows as CSV files (part-00000.csv, …) into the folder <paramref name="path"/>.</summary>
    public static void WriteCsv<T>(this IQueryable<T> source, string path, WriteMode mode = WriteMode.ErrorIfExists, CsvWriteOptions? options = null) =>
        WriteCsvAsync(source, path, mode, options).GetAwaiter().GetResult();

    /// <summary>Writes the rows as CSV files into the folder <paramref name="path"/>; cancelling the token stops the job and writes nothing.</summary>
    public static Task WriteCsvAsync<T>(this IQueryable<T> source, string path, WriteMode mode = WriteMode.ErrorIfExists, CsvWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CsvWriteOptions();
        ArgumentNullException.ThrowIfNull(options.Culture, nameof(options));
        return WriteAsync(source, path, mode, "WriteCsv", folder => new FileWriteSpec("csv", folder, options.Header, options.Delimiter, options.NullValue, options.Culture.Name), cancellationToken);
    }

    /// <summary>Writes the rows as JSON lines files (one object per row) into the folder <paramref name="path"/>.</summary>
    public static void WriteJson<T>(this IQueryable<T> source, string path, WriteMode mode = WriteMode.ErrorIfExists) =>
        WriteJsonAsync(source, path, mode).GetAwaiter().GetResult();

    /// <summary>Writes the rows as JSON lines files into the folder <paramref name="path"/>; cancelling the token stops the job and writes nothing.</summary>
    public static Task WriteJsonAsync<T>(this IQueryable<T> source, string path, WriteMode mode = WriteMode.ErrorIfExists, CancellationToken cancellationToken = default) =>
        WriteAsync(source, path, mode, "WriteJson", folder => new FileWriteSpec("json", folder, true, ',', null, CultureInfo.InvariantCulture.Name), cancellationToken);

    /// <summary>Writes the rows as Parquet files (part-00000.parquet, …, Snappy-compressed) into the folder <paramref name="path"/>.</summary>
    public static void WriteParquet<T>(this IQueryable<T> source, string path, WriteMode mode = WriteMode.ErrorIfExists) =>
        WriteParquetAsync(source, path, mode).GetAwaiter().GetResult();

    /// <summary>Writes the rows as Parquet files into the folder <paramref name="path"/>; cancelling the token stops the job and writes nothing.</summary>
    public static Task WriteParquetAsync<T>(this IQueryable<T> source, string path, WriteMode mode = WriteMode.ErrorIfExists, CancellationToken cancellationToken = default)
    {
        ParquetRowWriter.Check(typeof(T), MemberColumns.Of(typeof(T), "WriteParquet"));
        return WriteAsync(source, path, mode, "WriteParquet", folder => new FileWriteSpec("parquet", folder, true, ',', null, CultureInfo.InvariantCulture.Name), cancellationToken);
    }

    private static async Task WriteAsync<T>(IQueryable<T> source, string path, WriteMode mode, string writer, Func<string, FileWriteSpec> spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (source.Provider is not SparkQueryProvider)
        {
            throw new ArgumentException($"{writer} writes a Linq.Spark query; this one runs on {source.Provider.GetType().Name}.", nameof(source));
        }

        _ = MemberColumns.Of(typeof(T), writer);
        var committer = FileCommitter.Begin(writer, path, mode);
        if (committer is null)
        {
            return;
        }

        var write = source.Provider.CreateQuery<WrittenFile>(Expression.Call(
            SparkOperators.WriteFilesMethod.MakeGenericMethod(typeof(T)), source.Expression, Expression.Constant(spec(committer.JobFolder))));
        try
        {
            var files = await SparkQueryableExtensions.ToListAsync(write, cancellationToken).ConfigureAwait(false);
            committer.Commit(files);
        }
        catch
        {
            committer.Abort();
            throw;
        }
    }
}
