using System.Globalization;
using Linq.Spark.Columnar;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// Builds a scan's column batches row by row from field texts, one <see cref="ColumnBuilder"/> per member; a row
/// whose field does not parse is taken back whole, so a batch never holds part of a row.
/// </summary>
internal sealed class BatchBuilder
{
    private readonly IEncoder _encoder;
    private readonly ColumnBuilder[] _columns;
    private readonly int _capacity;

    public BatchBuilder(IEncoder encoder, int capacity, CultureInfo culture)
    {
        _encoder = encoder;
        _capacity = capacity;
        _columns = [.. encoder.Columns.Select(c => ColumnBuilder.For(c, capacity, culture))];
    }

    /// <summary>Rows in the batch being built.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the batch is full and must be taken before the next row.</summary>
    public bool IsFull => Count == _capacity;

    /// <summary>The builder of member column <paramref name="column"/>.</summary>
    public ColumnBuilder Column(int column) => _columns[column];

    /// <summary>Ends the row whose fields were appended to every column.</summary>
    public void EndRow() => Count++;

    /// <summary>Takes back the fields of a row that failed part-way.</summary>
    public void DropRow()
    {
        foreach (var column in _columns)
        {
            column.Truncate(Count);
        }
    }

    /// <summary>The rows built so far as one batch in the session's stored layout; the builder starts a new batch.</summary>
    public ColumnBatch Take()
    {
        var count = Count;
        var values = new Array?[_columns.Length];
        var validity = new ulong[]?[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            (values[c], validity[c]) = _columns[c].Take();
        }

        Count = 0;
        return _encoder.Store(new ColumnBatch(count, values, validity, new string[]?[_columns.Length]));
    }
}
