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

    /// <summary>Writes the rows as Parquet files (part-00000.parquet, …, LZ4-compressed) into the folder <paramref name="path"/>.</summary>
    public static void WriteParquet<T>(this IQueryable<T> source, string path, WriteMode mode = WriteMode.ErrorIfExists) =>
        WriteParquetAsync(source, path, mode).GetAwaiter().GetResult();

    /// <summary>Writes the rows as Parquet files into the folder <paramref name="path"/>; cancelling the token stops the job and writes nothing.</summary>
    public static Task WriteParquetAsync<T>(this IQueryable<T> source, string path, WriteMode mode = WriteMode.ErrorIfExists, CancellationToken cancellationToken = default)
    {
        ParquetRowWriter.Check(typeof(T), MemberColumns.Of(typeof(T), "WriteParquet"));
        return WriteAsync(source, path, mode, "WriteParquet", folder => new FileWriteSpec("parquet", folder, true, ',', null, CultureInfo.InvariantCulture.Name), cancellationToken);
    }

    /// <summary>
    /// Makes the write that follows put each row in key=value folders of the given members, outermost first, as Spark's
    /// <c>partitionBy</c> does: <c>sales.PartitionBy(s =&gt; new { s.Year, s.Month }).WriteParquet("out")</c> writes
    /// <c>out/Year=2024/Month=1/part-00000.parquet</c>, …, the folders' members left out of the files (reading the folder
    /// back gives them their values again). Each task writes one file per folder it has rows for.
    /// </summary>
    public static ISparkQueryable<T> PartitionBy<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> members)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(members);
        var columns = MemberColumns.Of(typeof(T), "PartitionBy");
        var parameter = members.Parameters[0];
        Expression[] reads = members.Body is NewExpression { Members: not null } anonymous ? [.. anonymous.Arguments] : [members.Body];
        var names = new List<string>();
        foreach (var read in reads)
        {
            if (read is not MemberExpression { Expression: var target, Member: var member } || target != parameter
                || columns.Encoder.ColumnOf(member) < 0 || names.Contains(member.Name))
            {
                throw new ArgumentException(
                    $"PartitionBy takes members of {typeof(T).Name}, each once: x => x.Member or x => new {{ x.A, x.B }}; {read} is not one.", nameof(members));
            }

            names.Add(member.Name);
        }

        if (names.Count == columns.Encoder.Columns.Count)
        {
            throw new ArgumentException($"PartitionBy would leave no member of {typeof(T).Name} to write into the files.", nameof(members));
        }

        return (ISparkQueryable<T>)source.Provider.CreateQuery<T>(Expression.Call(
            SparkOperators.PartitionByMethod.MakeGenericMethod(typeof(T)), source.Expression, Expression.Constant(names.ToArray())));
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
        var rows = source.Expression;
        string[] partitionColumns = [];
        if (rows is MethodCallExpression { Method.IsGenericMethod: true } call
            && call.Method.GetGenericMethodDefinition() == SparkOperators.PartitionByMethod.GetGenericMethodDefinition())
        {
            rows = call.Arguments[0];
            partitionColumns = (string[])((ConstantExpression)call.Arguments[1]).Value!;
        }

        var committer = FileCommitter.Begin(writer, path, mode);
        if (committer is null)
        {
            return;
        }

        var write = source.Provider.CreateQuery<WrittenFile>(Expression.Call(
            SparkOperators.WriteFilesMethod.MakeGenericMethod(typeof(T)), rows, Expression.Constant(spec(committer.JobFolder) with { PartitionColumns = partitionColumns })));
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
