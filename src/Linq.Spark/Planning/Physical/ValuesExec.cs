using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>One partition holding one value (the element of Append/Prepend).</summary>
internal sealed class ValuesExec(PlanContext plan, Expression value) : ExecNode(plan)
{
    private readonly Lazy<Func<object?[], Func<object?>>> _value = new(() =>
        SlotBinder.Compile<Func<object?>>(Expression.Lambda(Expression.Convert(value, typeof(object))), plan.Slots));

    public override Type ElementType => value.Type;

    public override IReadOnlyList<ExecNode> Children => [];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => this;

    public override Partitioning OutputPartitioning => new SinglePartitioning();

    public override bool OutputOrdered => true;

    public override string Describe() => $"Values [{value}]";

    public override PartitionData Produce(TaskContext context, int partition)
    {
        var rows = Array.CreateInstance(ElementType, 1);
        rows.SetValue(_value.Value(context.Parameters)(), 0);
        return new PartitionData(rows, 1);
    }
}
