namespace Linq.Spark.UI.Tests.Infrastructure;

/// <summary>Polls for a condition that another thread makes true, failing with what was awaited after 15 s.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static T Get<T>(Func<T?> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Timeout.TotalSeconds} s for {what}.");
            }

            Thread.Sleep(10);
        }
    }

    public static void True(Func<bool> condition, string what) => Get(() => condition() ? "" : null, what);
}
