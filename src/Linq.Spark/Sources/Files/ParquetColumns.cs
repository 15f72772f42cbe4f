using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Linq.Spark.Columnar;
using ParquetSharp;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// How one Parquet column's values become one member column: the element type ParquetSharp reads it as (dates as
/// DateOnly, decimals as decimal, strings as string, a Nullable for optional columns), and the conversion to the
/// member's type where they differ without loss (integers widened, dates to DateTime, one-character strings to char,
/// names or numbers to enums). Decided per file on the driver, so a column that cannot convert fails before any task.
/// </summary>
internal abstract class ParquetColumns
{
    /// <summary>The reading of a column of <paramref name="descriptor"/> into <paramref name="spec"/>'s member, or null when no lossless conversion exists.</summary>
    public static ParquetColumns? For(ColumnDescriptor descriptor, ColumnSpec spec)
    {
        if (descriptor.MaxRepetitionLevel > 0)
        {
            return null;
        }

        var (_, _, element) = descriptor.GetSystemTypes(ParquetFiles.Types, null!);
        var fileType = Nullable.GetUnderlyingType(element) ?? element;
        var storage = spec.StorageType;
        if (storage == typeof(char) && fileType == typeof(string) && descriptor.PhysicalType == PhysicalType.ByteArray)
        {
            return new CharsFromText();
        }

        if (descriptor.MaxDefinitionLevel == 0 && fileType == storage)
        {
            // Required columns whose stored values are the member's: read the physical values straight into its array
            // (dates as their day numbers), past the logical reader's per-value conversion and buffer copy.
            using var logical = descriptor.LogicalType;
            ParquetColumns? physical = (descriptor.PhysicalType, logical) switch
            {
                (PhysicalType.Double, NoneLogicalType) when storage == typeof(double) => new Physical<double>(),
                (PhysicalType.Float, NoneLogicalType) when storage == typeof(float) => new Physical<float>(),
                (PhysicalType.Int32, NoneLogicalType or IntLogicalType { BitWidth: 32, IsSigned: true }) when storage == typeof(int) => new Physical<int>(),
                (PhysicalType.Int64, NoneLogicalType or IntLogicalType { BitWidth: 64, IsSigned: true }) when storage == typeof(long) => new Physical<long>(),
                (PhysicalType.Int32, DateLogicalType) when storage == typeof(DateOnly) => new DaysAsDates(),
                _ => null,
            };
            if (physical is not null)
            {
                return physical;
            }
        }

        if (Conversion(fileType, storage) is null)
        {
            return null;
        }

        return (ParquetColumns)Activator.CreateInstance(typeof(Reader<,>).MakeGenericType(element, storage))!;
    }

    /// <summary>Starts reading column <paramref name="index"/> of a row group; the cursor reads its values batch by batch.</summary>
    public abstract Cursor Open(RowGroupReader rowGroup, int index);

    /// <summary>Reads consecutive values of one column of one row group.</summary>
    public abstract class Cursor : IDisposable
    {
        /// <summary>
        /// The next <paramref name="count"/> values as the member's stored array and its validity (nullable members);
        /// the index of a value that is null for a member that cannot hold null, or that does not convert, fails.
        /// </summary>
        public abstract (Array Values, ulong[]? Validity) Next(int count, bool nullable, Func<int, string, Exception> error);

        public abstract void Dispose();
    }

    /// <summary>The expression converting a non-null file value to the member's stored type, or null when none is lossless.</summary>
    private static LambdaExpression? Conversion(Type from, Type to)
    {
        var value = Expression.Parameter(from, "value");
        Expression? body = from == to ? value
            : to.IsEnum && from == typeof(string) ? Expression.Call(typeof(ParquetColumns).GetMethod(nameof(ParseEnum), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(to), value)
            : to.IsEnum && from == Enum.GetUnderlyingType(to) ? Expression.Convert(value, to)
            : to == typeof(char) && from == typeof(string) ? Expression.Call(typeof(ParquetColumns).GetMethod(nameof(ToChar), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!, value)
            : to == typeof(DateTime) && from == typeof(DateOnly) ? Expression.Call(value, typeof(DateOnly).GetMethod(nameof(DateOnly.ToDateTime), [typeof(TimeOnly)])!, Expression.Constant(TimeOnly.MinValue))
            : Internal.Widening.IsImplicit(from, to) ? Expression.Convert(value, to)
            : null;
        return body is null ? null : Expression.Lambda(body, value);
    }

    /// <summary>Reads <paramref name="count"/> values of a required column into <paramref name="target"/>, failing if the chunk ends early.</summary>
    private static void ReadRequired<T>(ColumnReader<T> reader, T[] target, int count, Func<int, string, Exception> error)
        where T : unmanaged
    {
        var done = 0;
        while (done < count)
        {
            var read = (int)reader.ReadBatch(count - done, target.AsSpan(done, count - done), out _);
            if (read == 0)
            {
                throw error(done, "missing (the column chunk ends early)");
            }

            done += read;
        }
    }

    /// <summary>A required column whose physical values are the member's values.</summary>
    private sealed class Physical<T> : ParquetColumns
        where T : unmanaged
    {
        public override Cursor Open(RowGroupReader rowGroup, int index) => new PhysicalCursor(rowGroup.Column(index));

        private sealed class PhysicalCursor(ColumnReader column) : Cursor
        {
            public override (Array Values, ulong[]? Validity) Next(int count, bool nullable, Func<int, string, Exception> error)
            {
                var values = new T[count];
                ReadRequired((ColumnReader<T>)column, values, count, error);
                return (values, nullable ? AllSet(count) : null);
            }

            public override void Dispose() => column.Dispose();
        }
    }

    /// <summary>A required DATE column: day numbers since 1970-01-01, read as ints and turned into DateOnly.</summary>
    private sealed class DaysAsDates : ParquetColumns
    {
        public override Cursor Open(RowGroupReader rowGroup, int index) => new DaysCursor(rowGroup.Column(index));

        private sealed class DaysCursor(ColumnReader column) : Cursor
        {
            private const int UnixEpochDay = 719_162;
            private int[] _days = [];

            public override (Array Values, ulong[]? Validity) Next(int count, bool nullable, Func<int, string, Exception> error)
            {
                if (_days.Length < count)
                {
                    _days = new int[count];
                }

                ReadRequired((ColumnReader<int>)column, _days, count, error);
                var dates = new DateOnly[count];
                for (var i = 0; i < count; i++)
                {
                    dates[i] = DateOnly.FromDayNumber(UnixEpochDay + _days[i]);
                }

                return (dates, nullable ? AllSet(count) : null);
            }

            public override void Dispose() => column.Dispose();
        }
    }

    /// <summary>A validity bitmap with every row present.</summary>
    private static ulong[] AllSet(int count)
    {
        var bits = Bitmap.Create(count);
        for (var i = 0; i < count; i++)
        {
            Bitmap.Set(bits, i);
        }

        return bits;
    }

    /// <summary>
    /// One-character text into a char member without making a string per value (TPC-H's flags): the physical
    /// reader's bytes, a single ASCII byte read directly, anything else decoded as UTF-8 and checked to be one char.
    /// </summary>
    private sealed class CharsFromText : ParquetColumns
    {
        public override Cursor Open(RowGroupReader rowGroup, int index) => new CharCursor(rowGroup.Column(index));

        private sealed class CharCursor(ColumnReader column) : Cursor
        {
            private readonly ColumnReader<ByteArray> _reader = (ColumnReader<ByteArray>)column;
            private readonly short _present = column.ColumnDescriptor.MaxDefinitionLevel;
            private short[] _levels = [];
            private ByteArray[] _values = [];

            public override (Array Values, ulong[]? Validity) Next(int count, bool nullable, Func<int, string, Exception> error)
            {
                if (_values.Length < count)
                {
                    _levels = new short[count];
                    _values = new ByteArray[count];
                }

                var chars = new char[count];
                var validity = nullable ? Bitmap.Create(count) : null;
                var done = 0;
                while (done < count)
                {
                    var levels = (int)_reader.ReadBatch(count - done, _levels.AsSpan(0, count - done), Span<short>.Empty, _values.AsSpan(0, count - done), out _);
                    if (levels == 0)
                    {
                        throw error(done, "missing (the column chunk ends early)");
                    }

                    var value = 0;
                    for (var i = 0; i < levels; i++, done++)
                    {
                        if (_present > 0 && _levels[i] != _present)
                        {
                            if (validity is null)
                            {
                                throw error(done, "null");
                            }

                            continue;
                        }

                        chars[done] = CharOf(_values[value++], done, error);
                        if (validity is not null)
                        {
                            Bitmap.Set(validity, done);
                        }
                    }
                }

                return (chars, validity);
            }

            private static char CharOf(ByteArray bytes, int row, Func<int, string, Exception> error)
            {
                if (bytes.Length == 1 && System.Runtime.InteropServices.Marshal.ReadByte(bytes.Pointer) is var ascii && ascii < 0x80)
                {
                    return (char)ascii;
                }

                var text = bytes.Length == 0 ? "" : System.Runtime.InteropServices.Marshal.PtrToStringUTF8(bytes.Pointer, bytes.Length);
                return text.Length == 1 ? text[0] : throw error(row, $"\"{text}\"");
            }

            public override void Dispose() => column.Dispose();
        }
    }

    private static char ToChar(string text) =>
        text.Length == 1 ? text[0] : throw new FormatException($"\"{text}\"");

    private static TEnum ParseEnum<TEnum>(string text)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) ? value : throw new FormatException($"\"{text}\"");

    /// <summary>Reads elements of type <typeparamref name="TElement"/> (a Nullable for optional columns) into members stored as <typeparamref name="TStorage"/>.</summary>
    /// <remarks>The null test and the conversion are compiled once per pair of types, not per file.</remarks>
    private sealed class Reader<TElement, TStorage> : ParquetColumns
    {
        private static readonly bool Direct = typeof(TElement) == typeof(TStorage);
        private static readonly Lazy<Func<TElement, bool>> IsNullOf = new(IsNull);
        private static readonly Lazy<Func<TElement, TStorage>> ConvertOf = new(Convert);

        public override Cursor Open(RowGroupReader rowGroup, int index) => new ElementCursor(rowGroup.Column(index));

        private static Func<TElement, bool> IsNull()
        {
            var element = Expression.Parameter(typeof(TElement), "element");
            Expression body = Nullable.GetUnderlyingType(typeof(TElement)) is not null
                ? Expression.Not(Expression.Property(element, "HasValue"))
                : typeof(TElement).IsValueType ? Expression.Constant(false)
                : Expression.Equal(element, Expression.Constant(null, typeof(TElement)));
            return Expression.Lambda<Func<TElement, bool>>(body, element).Compile();
        }

        private static Func<TElement, TStorage> Convert()
        {
            var element = Expression.Parameter(typeof(TElement), "element");
            Expression value = Nullable.GetUnderlyingType(typeof(TElement)) is not null ? Expression.Property(element, "Value") : element;
            var conversion = Conversion(value.Type, typeof(TStorage))!;
            return Expression.Lambda<Func<TElement, TStorage>>(Expression.Invoke(conversion, value), element).Compile();
        }

        private sealed class ElementCursor(ColumnReader column) : Cursor
        {
            private readonly LogicalColumnReader<TElement> _reader = column.LogicalReader<TElement>();
            private TElement[] _buffer = [];

            public override (Array Values, ulong[]? Validity) Next(int count, bool nullable, Func<int, string, Exception> error)
            {
                var values = new TStorage[count];
                if (Direct)
                {
                    // A required column (or strings) of the member's own type: read straight into the member's array.
                    Read(Unsafe.As<TStorage[], TElement[]>(ref values), count, error);
                    return (values, nullable ? AllSet(count) : null);
                }

                if (_buffer.Length < count)
                {
                    _buffer = new TElement[count];
                }

                Read(_buffer, count, error);
                var validity = nullable ? Bitmap.Create(count) : null;
                for (var i = 0; i < count; i++)
                {
                    var element = _buffer[i];
                    if (IsNullOf.Value(element))
                    {
                        if (validity is null && typeof(TStorage).IsValueType)
                        {
                            throw error(i, "null");
                        }

                        continue;
                    }

                    try
                    {
                        values[i] = ConvertOf.Value(element);
                    }
                    catch (FormatException e)
                    {
                        throw error(i, e.Message);
                    }

                    if (validity is not null)
                    {
                        Bitmap.Set(validity, i);
                    }
                }

                return (values, validity);
            }

            private void Read(TElement[] target, int count, Func<int, string, Exception> error)
            {
                var read = 0;
                while (read < count)
                {
                    var n = _reader.ReadBatch(target, read, count - read);
                    if (n == 0)
                    {
                        throw error(read, "missing (the column chunk ends early)");
                    }

                    read += n;
                }
            }

            public override void Dispose()
            {
                _reader.Dispose();
                column.Dispose();
            }
        }
    }
}
