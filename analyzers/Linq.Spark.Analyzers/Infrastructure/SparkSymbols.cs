using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Linq.Spark.Analyzers;

/// <summary>The Linq.Spark and LINQ symbols the rules match against, resolved once per compilation.</summary>
/// <remarks>
/// Every analyzer asks for the same instance through <see cref="For"/>; a compilation that does not reference
/// Linq.Spark gets <see langword="null"/> and the analyzers register nothing for it, so they cost nothing there.
/// </remarks>
internal sealed class SparkSymbols
{
    private static readonly ConditionalWeakTable<Compilation, Holder> Cache = new();

    private readonly ConcurrentDictionary<ILocalSymbol, QueryChain?> localChains =
        new(SymbolEqualityComparer.Default);

    private SparkSymbols(Compilation compilation, INamedTypeSymbol session, INamedTypeSymbol sparkQueryable,
        INamedTypeSymbol extensions, INamedTypeSymbol queryable, INamedTypeSymbol enumerable,
        INamedTypeSymbol queryableInterface)
    {
        Session = session;
        SparkQueryable = sparkQueryable;
        Extensions = extensions;
        Queryable = queryable;
        Enumerable = enumerable;
        QueryableInterface = queryableInterface;
        Grouping = compilation.GetTypeByMetadataName("System.Linq.IGrouping`2");
        Math = compilation.GetTypeByMetadataName("System.Math");
        List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
        HashSet = compilation.GetTypeByMetadataName("System.Collections.Generic.HashSet`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
    }

    /// <summary>Linq.Spark.SparkSession.</summary>
    public INamedTypeSymbol Session { get; }

    /// <summary>Linq.Spark.ISparkQueryable&lt;T&gt; (the open generic definition).</summary>
    public INamedTypeSymbol SparkQueryable { get; }

    /// <summary>Linq.Spark.SparkQueryableExtensions.</summary>
    public INamedTypeSymbol Extensions { get; }

    /// <summary>System.Linq.Queryable.</summary>
    public INamedTypeSymbol Queryable { get; }

    /// <summary>System.Linq.Enumerable.</summary>
    public INamedTypeSymbol Enumerable { get; }

    /// <summary>System.Linq.IQueryable (non-generic).</summary>
    public INamedTypeSymbol QueryableInterface { get; }

    /// <summary>System.Linq.IGrouping&lt;TKey, TElement&gt;.</summary>
    public INamedTypeSymbol? Grouping { get; }

    /// <summary>System.Math.</summary>
    public INamedTypeSymbol? Math { get; }

    /// <summary>System.Collections.Generic.List&lt;T&gt;.</summary>
    public INamedTypeSymbol? List { get; }

    /// <summary>System.Collections.Generic.Dictionary&lt;TKey, TValue&gt;.</summary>
    public INamedTypeSymbol? Dictionary { get; }

    /// <summary>System.Collections.Generic.HashSet&lt;T&gt;.</summary>
    public INamedTypeSymbol? HashSet { get; }

    /// <summary>System.Threading.CancellationToken.</summary>
    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary>The symbols for <paramref name="compilation"/>, or null when it does not reference Linq.Spark.</summary>
    public static SparkSymbols? For(Compilation compilation) =>
        Cache.GetValue(compilation, static c => new Holder(Create(c))).Symbols;

    /// <summary>Whether <paramref name="method"/> is a query operator that can continue a chain.</summary>
    public bool IsChainOperator(IMethodSymbol method)
    {
        var type = method.ContainingType;
        return SymbolEqualityComparer.Default.Equals(type, Queryable)
            || SymbolEqualityComparer.Default.Equals(type, Extensions);
    }

    /// <summary>Whether <paramref name="method"/> is declared on SparkQueryableExtensions.</summary>
    public bool IsSparkExtension(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, Extensions);

    /// <summary>Whether <paramref name="method"/> is declared on System.Linq.Enumerable.</summary>
    public bool IsEnumerableMethod(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, Enumerable);

    /// <summary>Whether <paramref name="type"/> is ISparkQueryable&lt;T&gt; or implements it.</summary>
    public bool IsSparkQueryableType(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, SparkQueryable))
        {
            return true;
        }

        if (named.TypeKind == TypeKind.Interface && named.Name != SparkQueryable.Name)
        {
            return false;
        }

        foreach (var candidate in named.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, SparkQueryable))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> implements System.Linq.IQueryable.</summary>
    public bool IsQueryableType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type, QueryableInterface))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, QueryableInterface))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is IGrouping&lt;,&gt;.</summary>
    public bool IsGroupingType(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && Grouping is not null
        && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Grouping);

    /// <summary>The kind of in-memory collection <paramref name="type"/> is ("array", "List", ...), or null.</summary>
    public string? CollectionKind(ITypeSymbol? type)
    {
        if (type is IArrayTypeSymbol)
        {
            return "array";
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        var definition = named.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, List))
        {
            return "List";
        }

        if (SymbolEqualityComparer.Default.Equals(definition, Dictionary))
        {
            return "Dictionary";
        }

        if (SymbolEqualityComparer.Default.Equals(definition, HashSet))
        {
            return "HashSet";
        }

        return null;
    }

    /// <summary>The query chain a local's initializer holds, computed once per local.</summary>
    public QueryChain? ChainOfLocal(ILocalSymbol local, Func<ILocalSymbol, QueryChain?> factory) =>
        localChains.GetOrAdd(local, factory);

    private static SparkSymbols? Create(Compilation compilation)
    {
        var session = compilation.GetTypeByMetadataName("Linq.Spark.SparkSession");
        var sparkQueryable = compilation.GetTypeByMetadataName("Linq.Spark.ISparkQueryable`1");
        var extensions = compilation.GetTypeByMetadataName("Linq.Spark.SparkQueryableExtensions");
        var queryable = compilation.GetTypeByMetadataName("System.Linq.Queryable");
        var enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        var queryableInterface = compilation.GetTypeByMetadataName("System.Linq.IQueryable");
        if (session is null || sparkQueryable is null || extensions is null || queryable is null
            || enumerable is null || queryableInterface is null)
        {
            return null;
        }

        return new SparkSymbols(compilation, session, sparkQueryable, extensions, queryable, enumerable, queryableInterface);
    }

    private sealed class Holder
    {
        public Holder(SparkSymbols? symbols) => Symbols = symbols;

        public SparkSymbols? Symbols { get; }
    }
}
