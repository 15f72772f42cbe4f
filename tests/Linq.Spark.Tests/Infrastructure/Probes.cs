namespace Linq.Spark.Tests;

/// <summary>Methods that query lambdas call to make a task slow or make it fail, for the execution tests.</summary>
public static class Probes
{
    /// <summary>Sleeps <paramref name="milliseconds"/>, then returns <paramref name="value"/>.</summary>
    public static T Slow<T>(T value, int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return value;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> ("boom {id}") for the row with <paramref name="id"/>.</summary>
    public static Row ThrowIfId(Row row, int id) =>
        row.Id == id ? throw new InvalidOperationException($"boom {id}") : row;
}
