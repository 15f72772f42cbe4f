using System.Globalization;
using Linq.Spark.Columnar;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// Builds one column of a batch from field texts: parses each into the member's type (its values array, a validity
/// bitmap for Nullable members, references for strings), and hands the arrays over when the batch is full.
/// </summary>
internal abstract class ColumnBuilder
{
    /// <summary>Rows in the batch being built.</summary>
    public int Count { get; protected set; }

    /// <summary>The type the member holds, for error messages.</summary>
    public abstract Type MemberType { get; }

    /// <summary>A builder for <paramref name="spec"/>'s member, rows of at most <paramref name="capacity"/> per batch.</summary>
    public static ColumnBuilder For(ColumnSpec spec, int capacity, CultureInfo culture)
    {
        if (spec.MemberType == typeof(string))
        {
            return new StringColumn(capacity);
        }

        var parser = TextParsers.For(spec.StorageType)
            ?? throw new InvalidOperationException($"A {spec.MemberType} member cannot be read from a file column.");
        return (ColumnBuilder)Activator.CreateInstance(typeof(ValueColumn<>).MakeGenericType(spec.StorageType), parser, spec.IsNullable, capacity, culture)!;
    }

    /// <summary>Appends a value parsed from <paramref name="text"/>; false (nothing appended) when it does not parse.</summary>
    public abstract bool TryAppend(ReadOnlySpan<char> text);

    /// <summary>Appends a null; false (nothing appended) when the member cannot hold one.</summary>
    public abstract bool TryAppendNull();

    /// <summary>
    /// Appends a typed value read from a binary format: null, a value of the member's type, or a number or text that
    /// converts to it exactly; false (nothing appended) otherwise.
    /// </summary>
    public abstract bool TryAppendValue(object? value);

    /// <summary>Drops the rows from <paramref name="count"/> on (a malformed row's fields that were already appended).</summary>
    public void Truncate(int count) => Count = Math.Min(Count, count);

    /// <summary>The column's values and validity for the rows appended, and a fresh start for the next batch.</summary>
    public abstract (Array Values, ulong[]? Validity) Take();

    private sealed class StringColumn(int capacity) : ColumnBuilder
    {
        private string?[] _values = new string?[capacity];

        public override Type MemberType => typeof(string);

        public override bool TryAppend(ReadOnlySpan<char> text)
        {
            _values[Count++] = text.Length == 0 ? string.Empty : new string(text);
            return true;
        }

        public override bool TryAppendNull()
        {
            _values[Count++] = null;
            return true;
        }

        public override bool TryAppendValue(object? value)
        {
            if (value is not (null or string))
            {
                return false;
            }

            _values[Count++] = (string?)value;
            return true;
        }

        public override (Array Values, ulong[]? Validity) Take()
        {
            var values = _values.Length == Count ? _values : _values[..Count];
            _values = new string?[_values.Length];
            Count = 0;
            return (values, null);
        }
    }

    private sealed class ValueColumn<TValue>(TextParser<TValue> parser, bool nullable, int capacity, CultureInfo culture) : ColumnBuilder
    {
        private TValue[] _values = new TValue[capacity];
        private ulong[]? _validity = nullable ? Bitmap.Create(capacity) : null;

        public override Type MemberType => nullable ? typeof(Nullable<>).MakeGenericType(typeof(TValue)) : typeof(TValue);

        public override bool TryAppend(ReadOnlySpan<char> text)
        {
            if (!parser(text.Trim(), culture, out _values[Count]))
            {
                return false;
            }

            if (_validity is not null)
            {
                Bitmap.Set(_validity, Count);
            }

            Count++;
            return true;
        }

        public override bool TryAppendNull()
        {
            if (_validity is null)
            {
                return false;
            }

            _values[Count] = default!;
            _validity[Count >> 6] &= ~(1UL << (Count & 63));
            Count++;
            return true;
        }

        public override bool TryAppendValue(object? value)
        {
            switch (value)
            {
                case null:
                    return TryAppendNull();
                case TValue typed:
                    _values[Count] = typed;
                    break;
                case string text:
                    return TryAppend(text);
                default:
                    if (!TryConvert(value, out _values[Count]))
                    {
                        return false;
                    }

                    break;
            }

            if (_validity is not null)
            {
                Bitmap.Set(_validity, Count);
            }

            Count++;
            return true;
        }

        /// <summary>A number of another width, or a date as a DateTime, when it converts without loss.</summary>
        private static bool TryConvert(object value, out TValue result)
        {
            result = default!;
            try
            {
                object? converted = (value, typeof(TValue)) switch
                {
                    (DateTime time, var t) when t == typeof(DateOnly) && time.TimeOfDay == TimeSpan.Zero => DateOnly.FromDateTime(time),
                    (DateOnly day, var t) when t == typeof(DateTime) => day.ToDateTime(TimeOnly.MinValue),
                    (DateTimeOffset offset, var t) when t == typeof(DateTime) => offset.UtcDateTime,
                    (IConvertible number, var t) when typeof(TValue).IsEnum => Enum.ToObject(t, number.ToInt64(CultureInfo.InvariantCulture)),
                    (IConvertible number, var t) when value is not (DateTime or bool or char) && t.IsPrimitive || t == typeof(decimal) => Convert.ChangeType(number, t, CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (converted is null || (converted is IConvertible && !Equals(Convert.ChangeType(converted, value.GetType(), CultureInfo.InvariantCulture), value)))
                {
                    return false;
                }

                result = (TValue)converted;
                return true;
            }
            catch (Exception e) when (e is OverflowException or InvalidCastException or FormatException or ArgumentException)
            {
                return false;
            }
        }

        public override (Array Values, ulong[]? Validity) Take()
        {
            var values = _values.Length == Count ? _values : _values[..Count];
            var validity = _validity is null ? null : _validity.Length == (Count + 63) >> 6 ? _validity : _validity[..((Count + 63) >> 6)];
            _values = new TValue[_values.Length];
            _validity = nullable ? Bitmap.Create(_values.Length) : null;
            Count = 0;
            return (values, validity);
        }
    }
}
