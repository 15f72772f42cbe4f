namespace Linq.Spark.Planning.Logical;

/// <summary>An immutable node of the logical plan: what to compute, with no say yet on partitions or stages.</summary>
internal abstract class LogicalNode
{
    /// <summary>The type of the rows this node produces.</summary>
    public abstract Type ElementType { get; }

    /// <summary>The inputs of this node.</summary>
    public abstract IReadOnlyList<LogicalNode> Children { get; }

    /// <summary>A copy of this node over other inputs (for optimizer rewrites).</summary>
    public abstract LogicalNode WithChildren(IReadOnlyList<LogicalNode> children);

    /// <summary>One line for plan printing.</summary>
    public abstract string Describe();

    /// <summary>The plan as an indented tree.</summary>
    public string Print()
    {
        var text = new System.Text.StringBuilder();
        Print(text, 0);
        return text.ToString();
    }

    private void Print(System.Text.StringBuilder text, int depth)
    {
        text.Append(' ', depth * 2).AppendLine(Describe());
        foreach (var child in Children)
        {
            child.Print(text, depth + 1);
        }
    }
}
