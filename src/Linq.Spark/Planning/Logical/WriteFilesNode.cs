using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Writes each partition of its input to one file; its rows are the written files (WriteCsv, WriteJson).</summary>
internal sealed class WriteFilesNode(LogicalNode child, Expression spec) : UnaryNode(child)
{
    /// <summary>The write's <see cref="Sources.Files.FileWriteSpec"/>, a parameter slot of the query.</summary>
    public Expression Spec { get; } = spec;

    public override Type ElementType => typeof(Sources.Files.WrittenFile);

    public override LogicalNode WithChild(LogicalNode child) => new WriteFilesNode(child, Spec);

    public override string Describe() => "WriteFiles";
}
