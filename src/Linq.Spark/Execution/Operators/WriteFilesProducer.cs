using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Compilation;
using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Sources.Files;

namespace Linq.Spark.Execution.Operators;

/// <summary>
/// A write's task: the stage's rows stream, batch by batch, into files of the job's temporary folder (the kernel's
/// sink is the file writer, so a partition is never held whole): one file, or one per key=value folder of a
/// partitioned write; its rows are those files.
/// </summary>
internal sealed class WriteFilesProducer(WriteFilesExec node, PlanRuntime runtime) : IPartitionProducer
{
    private readonly Lazy<Func<object?[], Func<FileWriteSpec>>> _spec = new(() =>
        SlotBinder.Compile<Func<FileWriteSpec>>(Expression.Lambda(node.Spec), node.Plan.Slots));

    private readonly Lazy<FusedPipeline> _rows = new(() => new FusedPipeline(node.Child, typeof(RowFileWriter), (kernel, row) =>
        Expression.Call(kernel.Sink, nameof(RowFileWriter.Write), null, Expression.Convert(row, typeof(object)))));

    public PartitionData Produce(TaskContext context, int partition)
    {
        using var writer = new RowFileWriter(_spec.Value(context.Parameters)(), node.Child.ElementType, partition, context.Attempt);
        runtime.Run(_rows.Value, context, partition, writer);
        return PartitionData.From(writer.Complete().ToArray());
    }
}
