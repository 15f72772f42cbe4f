using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Linq.Spark.Analyzers;

/// <summary>
/// Points each reported diagnostic's help link at its rule page as shipped in the Linq.Spark package, when the
/// build says where that is.
/// </summary>
/// <remarks>
/// The package's <c>buildTransitive/Linq.Spark.props</c> sets the MSBuild property <c>LinqSparkRuleDocs</c> to the
/// package's own <c>docs/rules/</c> folder and makes it visible to the compiler, so it reaches the analyzers as the
/// global option <see cref="DirectoryOption"/> in the command-line build and in the IDE alike. The analyzer
/// assembly's location cannot give that folder: the compiler server loads analyzers from a stream (an empty
/// <c>Assembly.Location</c>) and IDEs may load shadow copies. Without the option, or with one that is not an
/// absolute path, a diagnostic keeps the registry's descriptor, whose link starts at
/// <see cref="DiagnosticDescriptors.HelpLinkBase"/>. Reports are rare, so the relinked copies are made on first use,
/// once per set of options.
/// </remarks>
internal static class RuleHelpLinks
{
    /// <summary>The global option that holds the folder of the shipped rule pages.</summary>
    public const string DirectoryOption = "build_property.LinqSparkRuleDocs";

    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, Links> Cache = new();

    /// <summary>
    /// <paramref name="descriptor"/> with its help link at the shipped page when the options name the folder of the
    /// pages, otherwise <paramref name="descriptor"/> itself.
    /// </summary>
    public static DiagnosticDescriptor WithShippedHelpLink(this OperationAnalysisContext context, DiagnosticDescriptor descriptor) =>
        For(context.Options, descriptor);

    /// <summary>The descriptor to report with under <paramref name="options"/>.</summary>
    public static DiagnosticDescriptor For(AnalyzerOptions options, DiagnosticDescriptor descriptor)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var links = Cache.GetValue(global, static g => new Links(g.TryGetValue(DirectoryOption, out var value) ? value : null));
        return links.Directory is null ? descriptor : links.Descriptors.GetOrAdd(descriptor, links.Relink);
    }

    private sealed class Links
    {
        public Links(string? directory) => Directory = Rooted(directory?.Trim());

        /// <summary>The folder of the shipped pages, or null when the option gives no absolute path.</summary>
        public string? Directory { get; }

        public ConcurrentDictionary<DiagnosticDescriptor, DiagnosticDescriptor> Descriptors { get; } = new();

        public DiagnosticDescriptor Relink(DiagnosticDescriptor descriptor) =>
            PageUri(Directory!, descriptor.Id) is { } link
                ? new DiagnosticDescriptor(descriptor.Id, descriptor.Title, descriptor.MessageFormat, descriptor.Category,
                    descriptor.DefaultSeverity, descriptor.IsEnabledByDefault, descriptor.Description, link,
                    descriptor.CustomTags.ToArray())
                : descriptor;

        // The option is user-settable text; on .NET Framework the Path methods throw on characters no path may hold,
        // and such a folder gives no link, so the registry's link stays.
        private static string? Rooted(string? directory)
        {
            try
            {
                return string.IsNullOrEmpty(directory) || !Path.IsPathRooted(directory) ? null : directory;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static string? PageUri(string directory, string id)
        {
            try
            {
                return Uri.TryCreate(Path.Combine(directory, id + ".md"), UriKind.Absolute, out var uri) && uri.IsFile
                    ? uri.AbsoluteUri
                    : null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
