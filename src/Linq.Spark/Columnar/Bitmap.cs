using System.Linq.Expressions;

namespace Linq.Spark.Columnar;

/// <summary>Validity bitmaps: bit i of word i / 64 says whether row i holds a value (Arrow's validity buffer).</summary>
internal static class Bitmap
{
    /// <summary>A cleared bitmap with room for <paramref name="count"/> rows.</summary>
    public static ulong[] Create(int count) => new ulong[(count + 63) >> 6];

    public static bool Get(ulong[] bits, int index) => (bits[index >> 6] & (1UL << (index & 63))) != 0;

    public static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << (index & 63);

    /// <summary>The code that stores a nullable <paramref name="member"/>'s value in <paramref name="slot"/> and sets its bit, or leaves both clear for null.</summary>
    public static Expression StoreNullable(Expression member, Expression slot, Expression bits, Expression index)
    {
        var value = Expression.Variable(member.Type, "value");
        return Expression.Block(
            [value],
            Expression.Assign(value, member),
            Expression.IfThen(
                Expression.Property(value, "HasValue"),
                Expression.Block(
                    Expression.Assign(slot, Expression.Property(value, "Value")),
                    Expression.Call(typeof(Bitmap), nameof(Set), null, bits, index))));
    }

    /// <summary>Copies <paramref name="count"/> bits of <paramref name="source"/> from bit <paramref name="start"/> to <paramref name="target"/> from bit <paramref name="offset"/> on.</summary>
    public static void CopyTo(ulong[] source, int start, int count, ulong[] target, int offset)
    {
        // Whole words where both sides are word-aligned; the bits after them one by one, so no bit past count is copied.
        var copied = 0;
        if ((offset & 63) == 0 && (start & 63) == 0)
        {
            Array.Copy(source, start >> 6, target, offset >> 6, count >> 6);
            copied = count & ~63;
        }

        for (var i = copied; i < count; i++)
        {
            if (Get(source, start + i))
            {
                Set(target, offset + i);
            }
        }
    }
}
