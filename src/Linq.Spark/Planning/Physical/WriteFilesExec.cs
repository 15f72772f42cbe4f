using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Writes each partition of its input to one file in the write's temporary folder, in the same stage as the rows are
/// made; each task's row is its written file, for the driver to commit (Spark's InsertIntoHadoopFsRelationCommand).
/// </summary>
internal sealed class WriteFilesExec(PlanContext plan, ExecNode child, Expression spec, int id = -1) : ExecNode(plan, id)
{
    public ExecNode Child { get; } = child;

    /// <summary>The write's <see cref="Sources.Files.FileWriteSpec"/>, read from the job's parameter values.</summary>
    public Expression Spec { get; } = spec;

    public override Type ElementType => typeof(Sources.Files.WrittenFile);

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new WriteFilesExec(Plan, children[0], Spec, Id);

    public override string Describe() => $"WriteFiles {Child.ElementType.Name}";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitWriteFiles(this);
}
