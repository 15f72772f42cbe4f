using System.Linq.Expressions;
using System.Runtime.ExceptionServices;
using Linq.Spark.Buffers;
using Linq.Spark.Compilation;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Sources.Files;

namespace Linq.Spark.Execution.Operators;

/// <summary>A write's task: its partition's rows into one file of the job's temporary folder; its one row is that file.</summary>
internal sealed class WriteFilesProducer(WriteFilesExec node, PlanRuntime runtime) : IPartitionProducer
{
    private readonly Lazy<Func<object?[], Func<FileWriteSpec>>> _spec = new(() =>
        SlotBinder.Compile<Func<FileWriteSpec>>(Expression.Lambda(node.Spec), node.Plan.Slots));

    public PartitionData Produce(TaskContext context, int partition)
    {
        var rows = runtime.Producer(node.Child).Produce(context, partition);
        if (rows.Failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        var spec = _spec.Value(context.Parameters)();
        var file = RowFileWriter.Write(spec, node.Child.ElementType, Rows(rows), partition, context.Attempt);
        return PartitionData.From(new[] { file });
    }

    private static IEnumerable<object?> Rows(PartitionData rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            yield return rows.Rows.GetValue(i);
        }
    }
}
