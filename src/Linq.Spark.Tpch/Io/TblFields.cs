using System.Globalization;
using nietras.SeparatedValues;

namespace Linq.Spark.Tpch;

/// <summary>
/// Typed access to the fields of one <c>.tbl</c> row; every parse failure becomes a
/// <see cref="TpchFormatException"/> naming the file, the line and the column.
/// </summary>
internal readonly ref struct TblFields
{
    private readonly SepReader.Row _row;
    private readonly string _fileName;
    private readonly IReadOnlyList<string> _columns;
    private readonly StringInterner _interner;

    public TblFields(SepReader.Row row, string fileName, IReadOnlyList<string> columns, StringInterner interner)
    {
        _row = row;
        _fileName = fileName;
        _columns = columns;
        _interner = interner;

        // dbgen ends every line with a '|', which reads as one empty field past the last column.
        int count = row.ColCount;
        bool trailingSeparator = count > 1 && row[count - 1].Span.IsEmpty;
        int fields = trailingSeparator ? count - 1 : count;
        if (fields < columns.Count)
        {
            throw Error(fields, $"the line has {fields} fields, {columns.Count} expected; this field is missing.");
        }

        if (fields > columns.Count)
        {
            throw Error(columns.Count - 1, $"the line has {fields} fields, {columns.Count} expected; more follow this last field.");
        }
    }

    public int Int(int column)
    {
        var span = _row[column].Span;
        return int.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Error(column, $"'{span}' is not an integer.");
    }

    public double Double(int column)
    {
        var span = _row[column].Span;
        return double.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw Error(column, $"'{span}' is not a decimal number.");
    }

    public DateOnly Date(int column)
    {
        var span = _row[column].Span;
        return DateOnly.TryParseExact(span, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw Error(column, $"'{span}' is not a date in the form yyyy-MM-dd.");
    }

    public char Char(int column)
    {
        var span = _row[column].Span;
        return span.Length == 1 ? span[0] : throw Error(column, $"'{span}' is not a single character.");
    }

    /// <summary>A free-text field, allocated as a new string.</summary>
    public string String(int column) => _row[column].ToString();

    /// <summary>A field with few distinct values (a flag, a mode, a name), shared between rows.</summary>
    public string Interned(int column) => _interner.Intern(_row[column].Span);

    private TpchFormatException Error(int column, string problem) =>
        new(_fileName, _row.LineNumberFrom, _columns[Math.Clamp(column, 0, _columns.Count - 1)], problem);
}
