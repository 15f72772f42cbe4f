using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Linq.Spark.Analyzers;

/// <summary>LQS007: a lambda in a Linq.Spark query captures a large local array, List, Dictionary or HashSet.</summary>
/// <remarks>
/// A local initialized with at most <see cref="SmallCollectionLimit"/> constants is small and not reported.
/// Each captured local is reported once per lambda. A <c>Where(x =&gt; set.Contains(key))</c> whose session the fix
/// can name gets a fix that turns it into a join with the broadcast collection.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CapturedCollectionAnalyzer : SparkInvocationAnalyzer
{
    /// <summary>A collection initialized with at most this many constants is small enough to capture.</summary>
    public const int SmallCollectionLimit = 16;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CapturedCollection);

    private protected override void AnalyzeInvocation(
        OperationAnalysisContext context, IInvocationOperation invocation, SparkSymbols symbols)
    {
        if (!symbols.IsChainOperator(invocation.TargetMethod) || !HasLambda(invocation))
        {
            return;
        }

        QueryChain? chain = null;
        foreach (var argument in invocation.Arguments)
        {
            var lambda = argument.Value.AsLambda();
            if (lambda is null)
            {
                continue;
            }

            HashSet<ISymbol>? seen = null;
            foreach (var descendant in lambda.Body.Descendants())
            {
                ISymbol? symbol = descendant switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };
                if (symbol is null || symbols.CollectionKind(descendant.Type) is not { } kind
                    || !IsCapturedBy(symbol, lambda) || IsSmall(symbol))
                {
                    continue;
                }

                seen ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                if (!seen.Add(symbol))
                {
                    continue;
                }

                chain ??= QueryChain.For(invocation, symbols);
                if (chain is null)
                {
                    return;
                }

                var properties = FixProperties(invocation, lambda, descendant, kind, chain, symbols);
                context.ReportDiagnostic(Diagnostic.Create(
                    context.WithShippedHelpLink(DiagnosticDescriptors.CapturedCollection),
                    descendant.Syntax.GetLocation(), properties, symbol.Name, kind));
            }
        }
    }

    private static bool HasLambda(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.AsLambda() is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the local or parameter is declared outside the lambda (captured, not the lambda's own).</summary>
    private static bool IsCapturedBy(ISymbol symbol, IAnonymousFunctionOperation lambda)
    {
        if (symbol.Locations.Length == 0 || !symbol.Locations[0].IsInSource)
        {
            return false;
        }

        var span = lambda.Syntax.Span;
        var location = symbol.Locations[0];
        return location.SourceTree != lambda.Syntax.SyntaxTree || !span.Contains(location.SourceSpan);
    }

    /// <summary>Whether a local is initialized with a handful of constants (a small IN-list).</summary>
    private static bool IsSmall(ISymbol symbol)
    {
        if (symbol is not ILocalSymbol local || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value })
        {
            return false;
        }

        var elements = value switch
        {
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
            BaseObjectCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
            _ => default(SeparatedSyntaxList<ExpressionSyntax>?),
        };
        if (value is CollectionExpressionSyntax collection)
        {
            if (collection.Elements.Count > SmallCollectionLimit)
            {
                return false;
            }

            foreach (var element in collection.Elements)
            {
                if (element is not ExpressionElementSyntax { Expression: LiteralExpressionSyntax })
                {
                    return false;
                }
            }

            return true;
        }

        if (elements is not { } list || list.Count > SmallCollectionLimit)
        {
            return false;
        }

        foreach (var element in list)
        {
            if (element is not LiteralExpressionSyntax and not PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax })
            {
                return false;
            }
        }

        return true;
    }

    private static ImmutableDictionary<string, string?> FixProperties(IInvocationOperation invocation,
        IAnonymousFunctionOperation lambda, IOperation reference, string kind, QueryChain chain, SparkSymbols symbols)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (invocation.TargetMethod.Name != "Where" || kind == "Dictionary"
            || invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }
            || lambda.Syntax is not SimpleLambdaExpressionSyntax { ExpressionBody: InvocationExpressionSyntax }
            || lambda.ReturnedValue() is not IInvocationOperation { TargetMethod.Name: "Contains" } contains
            || contains.Arguments.Length != (contains.Instance is null ? 2 : 1)
            || (contains.Instance ?? contains.ArgumentAt(0))?.WithoutConversions() != reference
            || chain.SessionExpressionText(symbols) is not { } session)
        {
            return properties;
        }

        return properties
            .Add(DiagnosticProperties.Fix, DiagnosticProperties.JoinWithBroadcast)
            .Add(DiagnosticProperties.Session, session)
            .Add(DiagnosticProperties.MayHaveDuplicates, kind == "HashSet" ? "false" : "true");
    }
}
