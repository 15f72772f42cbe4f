using System.Linq.Expressions;

namespace Linq.Spark.Compilation.Vectorization;

/// <summary>
/// Eight lanes of a numeric expression: Vector512 for 64-bit scalars (long, double), Vector256 for 32-bit ones
/// (int, float; char and short are widened to int on load, as C# promotes them).
/// </summary>
internal sealed record VectorValue(Expression Vector, Type ScalarType);
