using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Linq.Spark.Analyzers;

/// <summary>
/// The shared shape of the fixes: each rewrite is a pure syntax change that the analyzer has already proven
/// mechanical (it put the kind of rewrite in the diagnostic's <see cref="DiagnosticProperties.Fix"/> property),
/// so a fix is offered only when that property is present and the rewrite succeeds.
/// </summary>
public abstract class SparkCodeFixProvider : CodeFixProvider
{
    private readonly string diagnosticId;

    /// <summary>Creates a fix for the rule <paramref name="id"/>.</summary>
    private protected SparkCodeFixProvider(string id)
    {
        diagnosticId = id;
        FixableDiagnosticIds = ImmutableArray.Create(id);
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc />
    /// <remarks>
    /// All of a rule's rewrites share one equivalence key, so "fix all" applies every mechanical rewrite of the rule.
    /// Applies the rewrites one after another on the same tree, last position first, so that each rewrite's
    /// spans are still valid; a text-merging batch fixer drops rewrites whose text changes touch each other.
    /// </remarks>
    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix is null)
            {
                continue;
            }

            var newRoot = Rewrite(root, diagnostic, fix);
            if (newRoot is null)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(Title(fix), _ => Task.FromResult(document.WithSyntaxRoot(newRoot)), diagnosticId),
                diagnostic);
        }
    }

    private async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        foreach (var diagnostic in diagnostics.OrderByDescending(FirstPosition))
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) && fix is not null)
            {
                root = Rewrite(root, diagnostic, fix) ?? root;
            }
        }

        return document.WithSyntaxRoot(root);
    }

    private static int FirstPosition(Diagnostic diagnostic)
    {
        var first = diagnostic.Location.SourceSpan.Start;
        foreach (var location in diagnostic.AdditionalLocations)
        {
            first = Math.Min(first, location.SourceSpan.Start);
        }

        return first;
    }

    /// <summary>The fix's title in the light-bulb menu.</summary>
    private protected abstract string Title(string fix);

    /// <summary>The rewritten root, or null when the code does not have the expected shape.</summary>
    private protected abstract SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, string fix);
}
