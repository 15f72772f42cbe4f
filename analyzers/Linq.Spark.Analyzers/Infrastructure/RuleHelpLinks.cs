using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Linq.Spark.Analyzers;

/// <summary>
/// Points each reported diagnostic's help link at its rule page: the page shipped in the Linq.Spark package, or the
/// page under a base URL a team publishes the pages at.
/// </summary>
/// <remarks>
/// The package's <c>buildTransitive/Linq.Spark.props</c> sets the MSBuild property <c>LinqSparkRuleDocs</c> to the
/// package's own <c>docs/rules/</c> folder and makes it visible to the compiler, so it reaches the analyzers as the
/// global option <see cref="DirectoryOption"/> in the command-line build and in the IDE alike. A project may set the
/// property to another folder, or to an http(s) base URL where it publishes the pages. The analyzer assembly's
/// location cannot give the folder: the compiler server loads analyzers from a stream (an empty
/// <c>Assembly.Location</c>) and IDEs may load shadow copies. Without a usable value a diagnostic keeps the
/// registry's descriptor, which has no link. Reports are rare, so the relinked copies are made on first use, once per
/// set of options.
/// </remarks>
internal static class RuleHelpLinks
{
    /// <summary>The global option that holds the folder (or base URL) of the rule pages.</summary>
    public const string DirectoryOption = "build_property.LinqSparkRuleDocs";

    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, Links> Cache = new();

    /// <summary>
    /// <paramref name="descriptor"/> with its help link at its page when the options say where the pages are,
    /// otherwise <paramref name="descriptor"/> itself.
    /// </summary>
    public static DiagnosticDescriptor WithShippedHelpLink(this OperationAnalysisContext context, DiagnosticDescriptor descriptor) =>
        For(context.Options, descriptor);

    /// <summary>The descriptor to report with under <paramref name="options"/>.</summary>
    public static DiagnosticDescriptor For(AnalyzerOptions options, DiagnosticDescriptor descriptor)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var links = Cache.GetValue(global, static g => new Links(g.TryGetValue(DirectoryOption, out var value) ? value : null));
        return links.Base is null ? descriptor : links.Descriptors.GetOrAdd(descriptor, links.Relink);
    }

    private sealed class Links
    {
        public Links(string? location) => Base = WebBase(location?.Trim()) ?? FolderBase(location?.Trim());

        /// <summary>The absolute URI of the folder of the pages, ending in '/', or null when the option gives none.</summary>
        public Uri? Base { get; }

        public ConcurrentDictionary<DiagnosticDescriptor, DiagnosticDescriptor> Descriptors { get; } = new();

        public DiagnosticDescriptor Relink(DiagnosticDescriptor descriptor) =>
            new(descriptor.Id, descriptor.Title, descriptor.MessageFormat, descriptor.Category, descriptor.DefaultSeverity,
                descriptor.IsEnabledByDefault, descriptor.Description, new Uri(Base!, descriptor.Id + ".md").AbsoluteUri,
                descriptor.CustomTags.ToArray());

        private static Uri? WebBase(string? location) =>
            Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? new Uri(uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri.AbsoluteUri : uri.AbsoluteUri + "/")
                : null;

        // The option is user-settable text; on .NET Framework the Path methods throw on characters no path may hold,
        // and such a folder gives no link.
        private static Uri? FolderBase(string? directory)
        {
            try
            {
                if (string.IsNullOrEmpty(directory) || !Path.IsPathRooted(directory))
                {
                    return null;
                }

                return Uri.TryCreate(Path.Combine(directory, "x"), UriKind.Absolute, out var page) && page.IsFile ? new Uri(page, ".") : null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
