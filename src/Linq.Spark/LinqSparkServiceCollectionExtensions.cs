using Linq.Spark;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="SparkSession"/> with a .NET host's services.</summary>
/// <remarks>
/// <see cref="SparkOptions"/> are bound from the configuration section <see cref="ConfigurationSection"/>, so
/// appsettings.json's <c>"LinqSpark": { "ExecutorThreads": 4 }</c> and the environment variable
/// <c>LINQSPARK__EXECUTORTHREADS=4</c> set the same option; the session logs to the host's <see cref="ILoggerFactory"/>.
/// </remarks>
public static class LinqSparkServiceCollectionExtensions
{
    /// <summary>The configuration section the session's options are read from.</summary>
    public const string ConfigurationSection = "LinqSpark";

    /// <summary>Registers one session (a singleton, disposed with the container) configured from the host's <see cref="IConfiguration"/>.</summary>
    /// <param name="services">The host's services, which must provide an <see cref="IConfiguration"/> (a generic or web host does).</param>
    /// <param name="configure">Changes applied after the configuration is read, as <c>o => o with { ExecutorThreads = 4 }</c>.</param>
    public static IServiceCollection AddLinqSpark(this IServiceCollection services, Func<SparkOptions, SparkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SparkOptions>().BindConfiguration(ConfigurationSection);
        return AddSession(services, configure);
    }

    /// <summary>Registers one session (a singleton, disposed with the container) configured from <paramref name="configuration"/>.</summary>
    /// <param name="services">The services to add the session to.</param>
    /// <param name="configuration">The configuration whose <see cref="ConfigurationSection"/> section holds the options.</param>
    /// <param name="configure">Changes applied after the configuration is read.</param>
    public static IServiceCollection AddLinqSpark(this IServiceCollection services, IConfiguration configuration, Func<SparkOptions, SparkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SparkOptions>().Bind(configuration.GetSection(ConfigurationSection));
        return AddSession(services, configure);
    }

    private static IServiceCollection AddSession(IServiceCollection services, Func<SparkOptions, SparkOptions>? configure)
    {
        // One session per container, however often this is called (the first registration wins).
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SparkOptions>>().Value;
            options = options with { LoggerFactory = options.LoggerFactory ?? provider.GetService<ILoggerFactory>() };
            return SparkSession.Create(configure is null ? options : configure(options));
        });
        return services;
    }
}
