using System.Linq.Expressions;
using Linq.Spark.Columnar;
using Linq.Spark.Sources;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Reads the column batches of a data source held in a parameter slot; a leaf of every stage that starts at data.
/// Kernels read its columns directly; other consumers get decoded rows. A scan of files carries a
/// <see cref="ScanPushdown"/>: its read schema and filters are shown, and its tasks skip what the filters rule out.
/// </summary>
internal sealed class ScanExec(PlanContext plan, ParameterExpression slot, Type elementType, int partitions, string description, ScanPushdown? pushdown = null, int id = -1) : ExecNode(plan, id)
{
    public ParameterExpression Slot { get; } = slot;

    /// <summary>The slot's index in the plan's parameter values, where the job finds its source.</summary>
    public int SlotIndex { get; } = plan.IndexOf(slot);

    /// <summary>How many partitions the source had when planned (a plan assumption).</summary>
    public int Partitions { get; } = partitions;

    /// <summary>The source as Explain prints it.</summary>
    public string Description { get; } = description;

    /// <summary>Filters and partition columns of a scan of files; null for other sources.</summary>
    public ScanPushdown? Pushdown { get; } = pushdown;

    public override Type ElementType { get; } = elementType;

    public override IReadOnlyList<ExecNode> Children => [];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => this;

    public override Partitioning OutputPartitioning => new UnknownPartitioning(Partitions);

    public override bool OutputOrdered => true;

    public override ColumnLayout OutputColumns => ColumnLayout.Stored;

    public override string Describe() => Describe(null);

    /// <summary>
    /// The scan as Explain prints it; a scan of files adds Spark's ReadSchema (the file columns its stage decodes,
    /// <paramref name="columnsRead"/>, or all), PartitionFilters and PushedFilters.
    /// </summary>
    public string Describe(bool[]? columnsRead)
    {
        if (Pushdown is null)
        {
            return $"Scan {Description}";
        }

        var encoder = Encoders.For(ElementType, stored: true);
        var names = encoder.Columns.Select(c => Sources.Files.MemberColumns.NameOf(c.Member)).ToList();
        var schema = names.Where((_, c) => columnsRead is null || columnsRead[c]);
        var filters = Pushdown.Filter is null ? [] : PushedFilters.Of(Pushdown.Filter, encoder);
        var partition = filters.Where(f => Pushdown.PartitionColumns.Contains(f.Column)).Select(f => Show(f, names));
        var pushed = filters.Where(f => !Pushdown.PartitionColumns.Contains(f.Column)).Select(f => Show(f, names));
        return $"Scan {Description} PartitionFilters: [{string.Join(", ", partition)}] PushedFilters: [{string.Join(", ", pushed)}] ReadSchema: [{string.Join(", ", schema)}]";
    }

    private static string Show(PushedFilters.Comparison filter, IReadOnlyList<string> names)
    {
        var value = filter.Value;
        while (value is UnaryExpression { NodeType: ExpressionType.Convert } convert)
        {
            value = convert.Operand;
        }

        // A captured value shows as its slot (it may differ from job to job); a literal as C# writes it.
        var text = value is ConstantExpression { Value: var literal } ? literal switch
        {
            null => "null",
            string s => $"\"{s}\"",
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => literal.ToString() ?? "",
        } : value.ToString();
        return ScanFilter.Describe(names[filter.Column], filter.Operator, text);
    }

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitScan(this);
}
