using System.Buffers;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;

namespace Linq.Spark.Tpch;

/// <summary>Writes in-memory TPC-H data as dbgen-style <c>.tbl</c> files, which <see cref="TblReader"/> and other engines load.</summary>
/// <remarks>Money and quantities are written with two decimals, the precision of the specification's DECIMAL(15,2) columns.</remarks>
public static class TblWriter
{
    private const int RowsPerBlock = 8192;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the eight files <c>region.tbl</c> … <c>lineitem.tbl</c> into a directory, creating it if needed.</summary>
    public static void WriteDirectory(TpchData data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        string PathOf(string table) => Path.Combine(directory, TpchSchema.FileName(table));

        Write(PathOf("region"), data.Region, static (line, r) => line.Int(r.RegionKey).Text(r.Name).Text(r.Comment));
        Write(PathOf("nation"), data.Nation, static (line, n) =>
            line.Int(n.NationKey).Text(n.Name).Int(n.RegionKey).Text(n.Comment));
        Write(PathOf("supplier"), data.Supplier, static (line, s) =>
            line.Int(s.SuppKey).Text(s.Name).Text(s.Address).Int(s.NationKey).Text(s.Phone).Money(s.AcctBal).Text(s.Comment));
        Write(PathOf("customer"), data.Customer, static (line, c) =>
            line.Int(c.CustKey).Text(c.Name).Text(c.Address).Int(c.NationKey).Text(c.Phone).Money(c.AcctBal)
                .Text(c.MktSegment).Text(c.Comment));
        Write(PathOf("part"), data.Part, static (line, p) =>
            line.Int(p.PartKey).Text(p.Name).Text(p.Mfgr).Text(p.Brand).Text(p.Type).Int(p.Size).Text(p.Container)
                .Money(p.RetailPrice).Text(p.Comment));
        Write(PathOf("partsupp"), data.PartSupp, static (line, ps) =>
            line.Int(ps.PartKey).Int(ps.SuppKey).Int(ps.AvailQty).Money(ps.SupplyCost).Text(ps.Comment));
        Write(PathOf("orders"), data.Orders, static (line, o) =>
            line.Int(o.OrderKey).Int(o.CustKey).Char(o.OrderStatus).Money(o.TotalPrice).Date(o.OrderDate)
                .Text(o.OrderPriority).Text(o.Clerk).Int(o.ShipPriority).Text(o.Comment));
        Write(PathOf("lineitem"), data.LineItem, static (line, l) =>
            line.Int(l.OrderKey).Int(l.PartKey).Int(l.SuppKey).Int(l.LineNumber).Money(l.Quantity)
                .Money(l.ExtendedPrice).Money(l.Discount).Money(l.Tax).Char(l.ReturnFlag).Char(l.LineStatus)
                .Date(l.ShipDate).Date(l.CommitDate).Date(l.ReceiptDate).Text(l.ShipInstruct).Text(l.ShipMode)
                .Text(l.Comment));
    }

    private static void Write<T>(string path, T[] rows, Action<TblLine, T> format)
    {
        try
        {
            WriteBlocks(path, rows, format);
        }
        catch (AggregateException e)
        {
            // A row that cannot be written fails in a worker; surface its own exception, not the wrapper, and
            // leave no partial file behind.
            File.Delete(path);
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private static void WriteBlocks<T>(string path, T[] rows, Action<TblLine, T> format)
    {
        // Blocks of rows are formatted and encoded in parallel, a window of blocks at a time, then written in order.
        int blocks = (rows.Length + RowsPerBlock - 1) / RowsPerBlock;
        int window = Math.Max(1, Environment.ProcessorCount * 2);
        var encoded = new byte[window][];
        var lengths = new int[window];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        for (int first = 0; first < blocks; first += window)
        {
            int count = Math.Min(window, blocks - first);
            Parallel.For(
                0,
                count,
                () => new TblLine(),
                (i, _, text) =>
                {
                    text.Clear();
                    int end = Math.Min(rows.Length, (first + i + 1) * RowsPerBlock);
                    for (int row = (first + i) * RowsPerBlock; row < end; row++)
                    {
                        format(text, rows[row]);
                        text.EndLine();
                    }

                    encoded[i] = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(text.Chars.Length));
                    lengths[i] = Utf8.GetBytes(text.Chars, encoded[i]);
                    return text;
                },
                _ => { });

            for (int i = 0; i < count; i++)
            {
                stream.Write(encoded[i], 0, lengths[i]);
                ArrayPool<byte>.Shared.Return(encoded[i]);
            }
        }
    }

    /// <summary>Lines under construction: every field is followed by a '|', every line by a line feed, as dbgen writes them.</summary>
    private sealed class TblLine
    {
        private static readonly SearchValues<char> Unwritable = SearchValues.Create("|\r\n");

        private char[] _buffer = new char[1 << 16];
        private int _length;

        public ReadOnlySpan<char> Chars => _buffer.AsSpan(0, _length);

        public void Clear() => _length = 0;

        public void EndLine()
        {
            Ensure(1);
            _buffer[_length++] = '\n';
        }

        public TblLine Int(int value) => Formatted(value, default);

        public TblLine Money(double value) => Formatted(value, "F2");

        public TblLine Date(DateOnly value) => Formatted(value, "yyyy-MM-dd");

        public TblLine Char(char value)
        {
            Ensure(2);
            _buffer[_length++] = value;
            _buffer[_length++] = '|';
            return this;
        }

        public TblLine Text(string value)
        {
            if (value.AsSpan().IndexOfAny(Unwritable) >= 0)
            {
                throw new ArgumentException($"The value '{value}' holds a '|' or a line break, which a .tbl file cannot represent.", nameof(value));
            }

            Ensure(value.Length + 1);
            value.AsSpan().CopyTo(_buffer.AsSpan(_length));
            _length += value.Length;
            _buffer[_length++] = '|';
            return this;
        }

        private TblLine Formatted<TValue>(TValue value, ReadOnlySpan<char> format)
            where TValue : ISpanFormattable
        {
            int written;
            while (!value.TryFormat(_buffer.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            _length += written;
            Ensure(1);
            _buffer[_length++] = '|';
            return this;
        }

        private void Ensure(int extra)
        {
            if (_length + extra > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
            }
        }
    }
}
