namespace Linq.Spark.Tests;

/// <summary>An enum column, so that encoders and kernels meet an enum-typed member.</summary>
public enum Kind
{
    /// <summary>The first kind.</summary>
    Alpha,

    /// <summary>The second kind.</summary>
    Beta,

    /// <summary>The third kind.</summary>
    Gamma,

    /// <summary>The fourth kind.</summary>
    Delta,
}
