using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Linq.Spark.Tests;

/// <summary><c>services.AddLinqSpark()</c>: options from the "LinqSpark" section and LINQSPARK__* environment variables, the host's logger, disposal with the container.</summary>
/// <remarks>In the non-parallel collection: one test sets a process environment variable.</remarks>
[Collection(NonParallelCollection.Name)]
public sealed class ServiceRegistrationTests
{
    [Fact]
    public void AddLinqSpark_bindsTheSectionAndEnvironmentVariables_thenAppliesConfigure()
    {
        Environment.SetEnvironmentVariable("LINQSPARK__SHUFFLEPARTITIONS", "5");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["LinqSpark:ExecutorThreads"] = "3",
                    ["LinqSpark:AutoBroadcastThresholdRows"] = "-1",
                    ["LinqSpark:DisabledRules:0"] = "CombineFilters",
                    ["LinqSpark:DisabledRules:1"] = "ExistenceJoins",
                })
                .AddEnvironmentVariables()
                .Build();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

            services.AddLinqSpark(o => o with { BatchSize = 99 });
            using var provider = services.BuildServiceProvider();
            var session = provider.GetRequiredService<SparkSession>();

            Assert.Same(session, provider.GetRequiredService<SparkSession>());
            Assert.Equal(3, session.Options.ExecutorThreads);
            Assert.Equal(5, session.Options.ShufflePartitions);
            Assert.Equal(-1, session.Options.AutoBroadcastThresholdRows);
            Assert.Equal(["CombineFilters", "ExistenceJoins"], session.Options.DisabledRules.Order());
            Assert.Equal(99, session.Options.BatchSize);
            Assert.Equal(SparkOptions.DefaultInlineJobThresholdRows, session.Options.InlineJobThresholdRows);
            Assert.Equal(500, session.Parallelize(Enumerable.Range(0, 1000).ToList()).Count(x => x % 2 == 0));
        }
        finally
        {
            Environment.SetEnvironmentVariable("LINQSPARK__SHUFFLEPARTITIONS", null);
        }
    }

    [Fact]
    public void AddLinqSpark_logsToTheHostsLoggerFactory_andIsDisposedWithTheContainer()
    {
        var collector = new FakeLogCollector();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)));
        services.AddLinqSpark(new ConfigurationBuilder().Build());
        SparkSession session;
        using (var provider = services.BuildServiceProvider())
        {
            session = provider.GetRequiredService<SparkSession>();
            Assert.Equal(10, session.Parallelize(Enumerable.Range(0, 10).ToList()).Count());
            Assert.Contains(collector.GetSnapshot(), l => l.Category == SparkTelemetry.Name && l.Level == LogLevel.Information);
        }

        Assert.Throws<ObjectDisposedException>(() => session.Parallelize(Enumerable.Range(0, 10).ToList()).Count());
    }

    [Fact]
    public void AddLinqSpark_outOfRangeSetting_failsNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["LinqSpark:ExecutorThreads"] = "-2" })
            .Build();
        using var provider = new ServiceCollection().AddLinqSpark(configuration).BuildServiceProvider();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => provider.GetRequiredService<SparkSession>());

        Assert.Contains("SparkOptions.ExecutorThreads", error.Message, StringComparison.Ordinal);
    }
}
