using System.Globalization;
using Linq.Spark.Columnar;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// Builds a scan's column batches row by row from field texts, one <see cref="ColumnBuilder"/> per member; a row
/// whose field does not parse is taken back whole, so a batch never holds part of a row. Columns the scan does not
/// read have no builder and stay null in the batches.
/// </summary>
internal sealed class BatchBuilder
{
    private readonly IEncoder _encoder;
    private readonly ColumnBuilder?[] _columns;
    private readonly int _capacity;

    public BatchBuilder(IEncoder encoder, int capacity, CultureInfo culture, ScanRequest request)
    {
        _encoder = encoder;
        _capacity = capacity;
        Request = request;
        _columns = [.. encoder.Columns.Select((c, i) => request.Reads(i) ? ColumnBuilder.For(c, capacity, culture) : null)];
    }

    /// <summary>What the scan task asked for: the columns read, the filters, the counters.</summary>
    public ScanRequest Request { get; }

    /// <summary>Rows in the batch being built.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the batch is full and must be taken before the next row.</summary>
    public bool IsFull => Count == _capacity;

    /// <summary>The builder of member column <paramref name="column"/> (a column the scan reads).</summary>
    public ColumnBuilder Column(int column) => _columns[column]!;

    /// <summary>Ends the row whose fields were appended to every column.</summary>
    public void EndRow() => Count++;

    /// <summary>Takes back the fields of a row that failed part-way.</summary>
    public void DropRow()
    {
        foreach (var column in _columns)
        {
            column?.Truncate(Count);
        }
    }

    /// <summary>A column no one reads, for readers that build whole rows: default values (nulls for nullable members).</summary>
    public static (Array Values, ulong[]? Validity) Unread(ColumnSpec spec, int count) =>
        (Array.CreateInstance(spec.StorageType, count), spec.IsNullable ? Bitmap.Create(count) : null);

    /// <summary>The rows built so far as one batch in the session's stored layout; the builder starts a new batch.</summary>
    public ColumnBatch Take()
    {
        var count = Count;
        var values = new Array?[_columns.Length];
        var validity = new ulong[]?[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            if (_columns[c] is { } column)
            {
                (values[c], validity[c]) = column.Take();
            }
            else if (Request.Fills(c))
            {
                (values[c], validity[c]) = Unread(_encoder.Columns[c], count);
            }
        }

        Request.Counters.RowsRead(count);
        Count = 0;
        return _encoder.Store(new ColumnBatch(count, values, validity, new string[]?[_columns.Length]));
    }
}
