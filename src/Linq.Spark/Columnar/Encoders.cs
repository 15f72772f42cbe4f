namespace Linq.Spark.Columnar;

/// <summary>The encoders of a row type known only at run time.</summary>
internal static class Encoders
{
    /// <summary>The stored layout (dictionary strings) when <paramref name="stored"/>, else the exchanged layout.</summary>
    public static IEncoder For(Type rowType, bool stored)
    {
        var encoder = typeof(Encoder<>).MakeGenericType(rowType);
        return (IEncoder)encoder.GetProperty(stored ? nameof(Encoder<int>.Instance) : nameof(Encoder<int>.Exchange))!.GetValue(null)!;
    }
}
