namespace Linq.Spark.Columnar;

/// <summary>Validity bitmaps: bit i of word i / 64 says whether row i holds a value (Arrow's validity buffer).</summary>
internal static class Bitmap
{
    /// <summary>A cleared bitmap with room for <paramref name="count"/> rows.</summary>
    public static ulong[] Create(int count) => new ulong[(count + 63) >> 6];

    public static bool Get(ulong[] bits, int index) => (bits[index >> 6] & (1UL << (index & 63))) != 0;

    public static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << (index & 63);

    /// <summary>Copies the first <paramref name="count"/> bits of <paramref name="source"/> to <paramref name="target"/> from bit <paramref name="offset"/> on.</summary>
    public static void CopyTo(ulong[] source, int count, ulong[] target, int offset)
    {
        if ((offset & 63) == 0)
        {
            Array.Copy(source, 0, target, offset >> 6, (count + 63) >> 6);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (Get(source, i))
            {
                Set(target, offset + i);
            }
        }
    }
}
