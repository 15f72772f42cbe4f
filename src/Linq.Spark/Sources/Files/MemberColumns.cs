using System.Reflection;
using Linq.Spark.Columnar;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// How a row type's members map to a file's columns: each member reads the column of its name (ignoring case) or of
/// its [ColumnName], or a partition value of a key=value folder of that name. Checked on the driver for every file,
/// so a missing column or a member type text cannot hold fails before any task runs, naming the file, the member and
/// the file's columns.
/// </summary>
internal sealed class MemberColumns
{
    private MemberColumns(IEncoder encoder, string reader)
    {
        Encoder = encoder;
        Reader = reader;
        if (encoder.IsWholeRow)
        {
            throw new NotSupportedException(
                $"{reader}: rows of {Internal.TypeUtil.ShortName(encoder.RowType)} have no members to bind to columns; read into a record, class or struct with one member per column.");
        }

        Names = [.. encoder.Columns.Select(c => NameOf(c.Member))];
        foreach (var column in encoder.Columns)
        {
            if (!TextParsers.CanParse(column.MemberType))
            {
                throw new NotSupportedException(
                    $"{reader}: member {Describe(column)} is {AType(column.MemberType)}, which a file column cannot hold; use a number, bool, string, date, time, Guid or enum member.");
            }
        }
    }

    /// <summary>The stored layout of the rows, whose columns are the members.</summary>
    public IEncoder Encoder { get; }

    /// <summary>The read method, for messages ("ReadCsv").</summary>
    public string Reader { get; }

    /// <summary>Per member column: the file column name it reads.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The members of <paramref name="rowType"/>, checked to be readable from text.</summary>
    public static MemberColumns Of(Type rowType, string reader) => new(Encoders.For(rowType, stored: true), reader);

    /// <summary>
    /// Per member column: the index of the file column it reads, or -1 where a partition value of <paramref name="file"/>
    /// gives it. Throws when a member has neither.
    /// </summary>
    public int[] Bind(DataFile file, IReadOnlyList<string> fileColumns)
    {
        var indexes = new int[Names.Count];
        for (var c = 0; c < Names.Count; c++)
        {
            indexes[c] = IndexOf(fileColumns, Names[c]);
            if (indexes[c] < 0 && PartitionValue(file, c) is null)
            {
                var partitions = file.PartitionValues.Count == 0 ? "" : $"; its folders give {string.Join(", ", file.PartitionValues.Select(p => p.Key))}";
                throw new InvalidDataException(
                    $"{Reader}: {file.Path} has no column \"{Names[c]}\" for member {Describe(Encoder.Columns[c])}; its columns are {string.Join(", ", fileColumns.Select(n => $"\"{n}\""))}{partitions}.");
            }
        }

        return indexes;
    }

    /// <summary>The partition value of <paramref name="file"/> that member column <paramref name="column"/> takes, or null.</summary>
    public string? PartitionValue(DataFile file, int column)
    {
        foreach (var (key, value) in file.PartitionValues)
        {
            if (string.Equals(key, Names[column], StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// The binding a task reads a file with: the file's (<see cref="Bind"/>), with
    /// <see cref="NotRead"/> for the member columns the scan does not read.
    /// </summary>
    public static int[] ForRequest(int[] binding, ScanRequest request)
    {
        var read = (int[])binding.Clone();
        for (var c = 0; c < read.Length; c++)
        {
            if (!request.Reads(c))
            {
                read[c] = NotRead;
            }
        }

        return read;
    }

    /// <summary>A binding's mark for a member column no task reads: it is neither parsed nor appended.</summary>
    public const int NotRead = -2;

    /// <summary>A binding's mark for a member column the file's folders give.</summary>
    public const int FromFolder = -1;

    /// <summary>Whether some file's folders give member column <paramref name="column"/> its values.</summary>
    public bool IsPartitionColumn(IEnumerable<DataFile> files, int column) => files.Any(f => PartitionValue(f, column) is not null);

    /// <summary>
    /// Whether a task reads <paramref name="file"/>: false when its folder values fail the request's filters. The
    /// part that starts the file (<paramref name="countsFile"/>) counts it as read or skipped.
    /// </summary>
    public bool Admits(DataFile file, bool countsFile, ScanRequest request)
    {
        var admitted = MayMatch(file, request.Filters);
        if (countsFile)
        {
            if (admitted)
            {
                request.Counters.FileRead();
            }
            else
            {
                request.Counters.FileSkipped();
            }
        }

        return admitted;
    }

    /// <summary>
    /// Whether the rows of <paramref name="file"/> can satisfy the filters on its folder values: false when a folder
    /// value fails a comparison, so the file is skipped (Spark's partition pruning).
    /// </summary>
    private bool MayMatch(DataFile file, IReadOnlyList<ScanFilter> filters)
    {
        foreach (var filter in filters)
        {
            if (PartitionValue(file, filter.Column) is not { } text)
            {
                continue;
            }

            if (!TryFolderValue(file, filter.Column, text, out var value))
            {
                // The read itself reports a folder value that does not parse.
                continue;
            }

            if (!filter.Holds(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Member column <paramref name="column"/> for <paramref name="rows"/> rows of <paramref name="file"/>, every one
    /// holding its folder value (for readers that build columns rather than rows).
    /// </summary>
    public (Array Values, ulong[]? Validity) FolderColumn(DataFile file, int column, int rows)
    {
        var builder = ColumnBuilder.For(Encoder.Columns[column], rows, System.Globalization.CultureInfo.InvariantCulture);
        var text = PartitionValue(file, column)!;
        for (var r = 0; r < rows; r++)
        {
            AppendFolderValue(builder, file, column, text);
        }

        return builder.Take();
    }

    /// <summary>The folder value <paramref name="text"/> as member column <paramref name="column"/> holds it (null for Hive's null folder); false when it does not parse.</summary>
    private bool TryFolderValue(DataFile file, int column, string text, out object? value)
    {
        var builder = ColumnBuilder.For(Encoder.Columns[column], 1, System.Globalization.CultureInfo.InvariantCulture);
        value = null;
        if (!(IsNullFolder(text) ? builder.TryAppendNull() : builder.TryAppend(text)))
        {
            return false;
        }

        var (values, validity) = builder.Take();
        value = validity is null || Bitmap.Get(validity, 0) ? values.GetValue(0) : null;
        return true;
    }

    private static bool IsNullFolder(string text) => text == "__HIVE_DEFAULT_PARTITION__";

    /// <summary>Appends one row's folder value to <paramref name="builder"/>, failing with the file and member when it does not fit.</summary>
    private void AppendFolderValue(ColumnBuilder builder, DataFile file, int column, string value)
    {
        if (!(IsNullFolder(value) ? builder.TryAppendNull() : builder.TryAppend(value)))
        {
            throw new InvalidDataException(
                $"{Reader}: the folder value \"{value}\" of {file.Path} is not {AType(builder.MemberType)} for member {Describe(Encoder.Columns[column])}.");
        }
    }

    /// <summary>Appends the partition values of <paramref name="file"/> to the member columns that take them (binding <see cref="FromFolder"/>).</summary>
    public void AppendPartitionValues(DataFile file, int[] binding, BatchBuilder builder)
    {
        for (var c = 0; c < binding.Length; c++)
        {
            if (binding[c] != FromFolder)
            {
                continue;
            }

            try
            {
                AppendFolderValue(builder.Column(c), file, c, PartitionValue(file, c)!);
            }
            catch (InvalidDataException)
            {
                builder.DropRow();
                throw;
            }
        }
    }

    /// <summary>The member as messages name it: Type.Member.</summary>
    public string Describe(ColumnSpec column) => $"{Internal.TypeUtil.ShortName(Encoder.RowType)}.{column.Member.Name}";

    /// <summary>A type as C# writes it, with its article: "an int", "a decimal?", "a DateOnly".</summary>
    public static string AType(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var name = (underlying ?? type) switch
        {
            var t when t == typeof(int) => "int",
            var t when t == typeof(long) => "long",
            var t when t == typeof(short) => "short",
            var t when t == typeof(byte) => "byte",
            var t when t == typeof(sbyte) => "sbyte",
            var t when t == typeof(uint) => "uint",
            var t when t == typeof(ulong) => "ulong",
            var t when t == typeof(ushort) => "ushort",
            var t when t == typeof(double) => "double",
            var t when t == typeof(float) => "float",
            var t when t == typeof(decimal) => "decimal",
            var t when t == typeof(bool) => "bool",
            var t when t == typeof(char) => "char",
            var t when t == typeof(string) => "string",
            var t => Internal.TypeUtil.ShortName(t),
        } + (underlying is null ? "" : "?");
        return ("aeiouAEIOU".Contains(name[0], StringComparison.Ordinal) ? "an " : "a ") + name;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Trim().Trim('"'), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The member's [ColumnName], on the member or on the record constructor parameter it comes from, or its name.</summary>
    public static string NameOf(MemberInfo member)
    {
        if (member.GetCustomAttribute<ColumnNameAttribute>() is { } attribute)
        {
            return attribute.Name;
        }

        var parameter = member.DeclaringType?.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .FirstOrDefault(p => p.Name == member.Name && p.GetCustomAttribute<ColumnNameAttribute>() is not null);
        return parameter?.GetCustomAttribute<ColumnNameAttribute>()!.Name ?? member.Name;
    }
}
