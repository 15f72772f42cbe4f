using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Linq.Spark.Compilation.Vectorization;

/// <summary>
/// The eight-lane vector helpers kernels call: loads, broadcasts, widenings, masks from lane bits, horizontal
/// reductions. Small static methods the JIT inlines; vector kernels stay readable as expression trees.
/// </summary>
internal static class Lanes
{
    public const int Width = 8;

    /// <summary>The vector type holding eight lanes of a scalar type.</summary>
    public static Type VectorOf(Type scalar) =>
        scalar == typeof(long) || scalar == typeof(double) ? typeof(Vector512<>).MakeGenericType(scalar) : typeof(Vector256<>).MakeGenericType(scalar);

    public static bool IsLaneType(Type scalar) => scalar == typeof(int) || scalar == typeof(long) || scalar == typeof(float) || scalar == typeof(double);

    public static MethodInfo Method(string name) =>
        typeof(Lanes).GetMethod(name, BindingFlags.Public | BindingFlags.Static) ?? throw new MissingMethodException(nameof(Lanes), name);

    public static MethodInfo Method(string name, params Type[] parameters) =>
        typeof(Lanes).GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters) ?? throw new MissingMethodException(nameof(Lanes), name);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> LoadInt(int[] column, int index) => Vector256.Create(column, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadFloat(float[] column, int index) => Vector256.Create(column, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> LoadLong(long[] column, int index) => Vector512.Create(column, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LoadDouble(double[] column, int index) => Vector512.Create(column, index);

    /// <summary>Eight chars as ints (C# compares and adds chars as ints).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> LoadChar(ushort[] column, int index) => Vector256.WidenLower(Vector128.Create(column, index).ToVector256()).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> LoadShort(short[] column, int index) => Vector256.WidenLower(Vector128.Create(column, index).ToVector256());

    /// <summary>Views an array of a 4-byte struct (DateOnly, an int enum) as its int representation.</summary>
    public static int[] AsInts(Array column) => Unsafe.As<int[]>(column);

    public static ushort[] AsUShorts(Array column) => Unsafe.As<ushort[]>(column);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> WidenIntToLong(Vector256<int> v) => Vector512.Create(Vector256.WidenLower(v), Vector256.WidenUpper(v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> WidenIntToDouble(Vector256<int> v) => Vector512.ConvertToDouble(WidenIntToLong(v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> WidenFloatToDouble(Vector256<float> v) => Vector512.Create(Vector256.WidenLower(v), Vector256.WidenUpper(v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LongToDouble(Vector512<long> v) => Vector512.ConvertToDouble(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> IntToFloat(Vector256<int> v) => Vector256.ConvertToSingle(v);

    /// <summary>
    /// Truncated integer division by a constant (C#'s /): through doubles, exact while every lane is within ±2^51
    /// (the quotient of two exactly representable integers rounds to within 1/(2c) of itself), else lane by lane.
    /// </summary>
    public static Vector512<long> DivideLong(Vector512<long> a, long divisor)
    {
        var limit = Vector512.Create(1L << 51);
        if (Vector512.LessThanAll(a, limit) && Vector512.GreaterThanAll(a, -limit))
        {
            return Vector512.ConvertToInt64(Vector512.Truncate(Vector512.ConvertToDouble(a) / Vector512.Create((double)divisor)));
        }

        return a / Vector512.Create(divisor);
    }

    /// <summary>C#'s % by a constant: a - (a / c) * c, with the quotient from <see cref="DivideLong"/>.</summary>
    public static Vector512<long> RemainderLong(Vector512<long> a, long divisor) => a - (DivideLong(a, divisor) * Vector512.Create(divisor));

    /// <summary>
    /// Bits of the lanes divisible by an odd constant d, without dividing: x·d⁻¹ + A ≤ 2A in unsigned 64-bit
    /// arithmetic, where d⁻¹ is d's inverse modulo 2^64 and A = ⌊(2^63 − 1) / d⌋ (Hacker's Delight, 10–17).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint DivisibleLong(Vector512<long> x, ulong inverse, ulong bound) =>
        Bits(Vector512.LessThanOrEqual((x.AsUInt64() * Vector512.Create(inverse)) + Vector512.Create(bound), Vector512.Create(2 * bound)));

    /// <summary>The 32-bit form of <see cref="DivisibleLong"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint DivisibleInt(Vector256<int> x, uint inverse, uint bound) =>
        Bits(Vector256.LessThanOrEqual((x.AsUInt32() * Vector256.Create(inverse)) + Vector256.Create(bound), Vector256.Create(2 * bound)));

    /// <summary>The inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct bits each step).</summary>
    public static ulong InverseOdd(ulong d)
    {
        var inverse = d;
        for (var i = 0; i < 6; i++)
        {
            inverse *= 2 - (d * inverse);
        }

        return inverse;
    }

    /// <summary>Truncated int division by a constant, through doubles (every int is exact in a double).</summary>
    public static Vector256<int> DivideInt(Vector256<int> a, int divisor)
    {
        var quotient = Vector512.Truncate(WidenIntToDouble(a) / Vector512.Create((double)divisor));
        var longs = Vector512.ConvertToInt64(quotient);
        return Vector256.Narrow(longs.GetLower(), longs.GetUpper());
    }

    public static Vector256<int> RemainderInt(Vector256<int> a, int divisor) => a - (DivideInt(a, divisor) * Vector256.Create(divisor));

    /// <summary>The lane bits of a comparison result (bit j set when lane j is true).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits<T>(Vector512<T> mask) => (uint)Vector512.ExtractMostSignificantBits(mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits<T>(Vector256<T> mask) => Vector256.ExtractMostSignificantBits(mask);

    /// <summary>A 64-bit-lane mask with all bits set in lane j when bit j is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Mask64(uint bits)
    {
        // A constant the JIT embeds (a static readonly field would put a class-initialization check, and a call the
        // register allocator must spill vectors around, into every kernel loop).
        var laneBits = Vector512.Create(1L, 2, 4, 8, 16, 32, 64, 128);
        return Vector512.Equals(Vector512.Create((long)bits) & laneBits, laneBits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Mask32(uint bits)
    {
        var laneBits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
        return Vector256.Equals(Vector256.Create((int)bits) & laneBits, laneBits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> SelectDouble(uint bits, Vector512<double> value) => value & Mask64(bits).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> SelectLong(uint bits, Vector512<long> value) => value & Mask64(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(uint bits) => BitOperations.PopCount(bits);

    /// <summary>Adds with a per-lane overflow flag, for LINQ's checked long Sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> AddTrackOverflow(Vector512<long> sum, Vector512<long> value, ref Vector512<long> overflow)
    {
        var result = sum + value;
        overflow |= ~(sum ^ value) & (sum ^ result);
        return result;
    }

    public static long SumChecked(Vector512<long> sums, Vector512<long> overflow)
    {
        if (Vector512.ExtractMostSignificantBits(overflow) != 0)
        {
            throw new OverflowException("Arithmetic operation resulted in an overflow.");
        }

        long total = 0;
        for (var j = 0; j < Width; j++)
        {
            total = checked(total + sums.GetElement(j));
        }

        return total;
    }

    public static double Sum(Vector512<double> sums) => Vector512.Sum(sums);

    /// <summary>The smallest lane by &lt; (the lanes hold no NaN: a NaN never replaces a lane's best).</summary>
    public static double Min(Vector512<double> v)
    {
        var min = v.GetElement(0);
        for (var j = 1; j < Width; j++)
        {
            min = v.GetElement(j) < min ? v.GetElement(j) : min;
        }

        return min;
    }

    /// <summary>The largest lane by &gt; (the lanes hold no NaN).</summary>
    public static double Max(Vector512<double> v)
    {
        var max = v.GetElement(0);
        for (var j = 1; j < Width; j++)
        {
            max = v.GetElement(j) > max ? v.GetElement(j) : max;
        }

        return max;
    }

    /// <summary>The lanes whose bits are set, as an all-ones double mask.</summary>
    public static Vector512<double> MaskDouble(uint bits) => Mask64(bits).AsDouble();

    /// <summary>Bits of the lanes that hold NaN.</summary>
    public static uint NaNBits(Vector512<double> v) => (uint)Vector512.ExtractMostSignificantBits(~Vector512.Equals(v, v));

    public static long Min(Vector512<long> v)
    {
        var min = v.GetElement(0);
        for (var j = 1; j < Width; j++)
        {
            min = Math.Min(min, v.GetElement(j));
        }

        return min;
    }

    public static long Max(Vector512<long> v)
    {
        var max = v.GetElement(0);
        for (var j = 1; j < Width; j++)
        {
            max = Math.Max(max, v.GetElement(j));
        }

        return max;
    }

    /// <summary>The typed load method for a column's storage type, or null when the column has no vector load.</summary>
    public static MethodInfo? LoadFor(Type storage) =>
        storage == typeof(int) || storage == typeof(DateOnly) || (storage.IsEnum && Enum.GetUnderlyingType(storage) == typeof(int)) ? Method(nameof(LoadInt))
        : storage == typeof(long) ? Method(nameof(LoadLong))
        : storage == typeof(double) ? Method(nameof(LoadDouble))
        : storage == typeof(float) ? Method(nameof(LoadFloat))
        : storage == typeof(char) ? Method(nameof(LoadChar))
        : storage == typeof(short) ? Method(nameof(LoadShort))
        : null;

    /// <summary>The array type a column is viewed as for its vector load.</summary>
    public static Expression View(Expression column, Type storage) =>
        storage == typeof(DateOnly) || storage.IsEnum ? Expression.Call(Method(nameof(AsInts)), column)
        : storage == typeof(char) ? Expression.Call(Method(nameof(AsUShorts)), column)
        : column;
}
