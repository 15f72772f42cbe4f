using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Reads a data source held in a parameter slot: a session source or an in-memory collection.</summary>
internal sealed class ScanNode(ParameterExpression slot, Type elementType, bool isLocalCollection) : LogicalNode
{
    public ParameterExpression Slot { get; } = slot;

    /// <summary>Whether the source is a plain in-memory collection rather than a session source.</summary>
    public bool IsLocalCollection { get; } = isLocalCollection;

    public override Type ElementType { get; } = elementType;

    public override IReadOnlyList<LogicalNode> Children => [];

    public override LogicalNode WithChildren(IReadOnlyList<LogicalNode> children) => this;

    public override string Describe() => $"Scan {(IsLocalCollection ? "LocalCollection" : "Source")}[{Internal.TypeUtil.ShortName(ElementType)}] {Slot.Name}";
}
