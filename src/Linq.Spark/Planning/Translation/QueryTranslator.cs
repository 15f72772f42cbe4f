using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Sources;

namespace Linq.Spark.Planning.Translation;

/// <summary>
/// Turns a funcletized Queryable expression into a logical plan, one TranslateX per operator family. Operators with
/// no partitioned form run on one partition through LINQ to Objects; anything else is refused with the expression.
/// </summary>
internal sealed partial class QueryTranslator
{
    private readonly QueryParameters _parameters;
    private readonly List<PlanAssumption> _assumptions;
    private readonly bool _setsInOrder;

    private QueryTranslator(QueryParameters parameters, List<PlanAssumption> assumptions, bool setsInOrder)
    {
        _parameters = parameters;
        _assumptions = assumptions;
        _setsInOrder = setsInOrder;
    }

    /// <param name="shape">The funcletized query.</param>
    /// <param name="parameters">The values taken out of it.</param>
    /// <param name="assumptions">Receives the parameter values the plan depends on (Repartition counts).</param>
    /// <param name="setsInOrder">
    /// Whether Distinct, Union, Intersect and Except (and their By forms) run as LINQ to Objects' operators over their
    /// inputs read in order on one partition, as LINQ reads them, instead of as hash-partitioned operators that read
    /// every row first (a query is planned so again after it failed on a row that LINQ may never reach).
    /// </param>
    public static TranslatedQuery Translate(Expression shape, QueryParameters parameters, List<PlanAssumption> assumptions, bool setsInOrder = false)
    {
        var translator = new QueryTranslator(parameters, assumptions, setsInOrder);
        if (IsSequence(shape))
        {
            return new TranslatedQuery(translator.TranslateSequence(shape), null, null, false, "collect");
        }

        if (shape is MethodCallExpression call && call.Method.DeclaringType == typeof(Queryable))
        {
            return translator.TranslateAction(call);
        }

        throw new NotSupportedException($"Linq.Spark cannot run this expression as a query: {shape}");
    }

    private static bool IsSequence(Expression expression) =>
        expression.Type.IsGenericType && typeof(IQueryable).IsAssignableFrom(expression.Type)
        || expression is ParameterExpression { Type.IsGenericType: true } p && TypeUtil.FindElementType(p.Type) is not null;

    private LogicalNode TranslateSequence(Expression expression)
    {
        switch (expression)
        {
            case ParameterExpression slot when _parameters.IndexOf(slot) >= 0:
                return TranslateSource(slot);
            case MethodCallExpression call when call.Method.DeclaringType == typeof(Queryable):
                return TranslateOperator(call);
            case MethodCallExpression call when call.Method.DeclaringType == typeof(SparkOperators):
                return TranslateSparkOperator(call);
            default:
                throw Unsupported(expression.NodeType.ToString(), expression);
        }
    }

    private LogicalNode TranslateSource(ParameterExpression slot)
    {
        var value = _parameters.Values[_parameters.IndexOf(slot)];
        var elementType = TypeUtil.FindElementType(slot.Type)
            ?? throw new NotSupportedException($"A query source must be a sequence, but {slot.Name} is {slot.Type}.");
        if (value is null)
        {
            throw new ArgumentNullException(slot.Name, $"A collection used in a Linq.Spark query is null ({slot.Name}).");
        }

        return new ScanNode(slot, elementType, isLocalCollection: value is not ISparkQuery);
    }

    private LogicalNode TranslateSparkOperator(MethodCallExpression call)
    {
        var method = call.Method.GetGenericMethodDefinition();
        if (method == SparkOperators.PartitionByMethod.GetGenericMethodDefinition())
        {
            throw new NotSupportedException(
                "PartitionBy(...) lays out the files of the write that follows it; call WriteParquet, WriteCsv or WriteJson right after it, not another operator or action.");
        }

        var source = TranslateSequence(call.Arguments[0]);
        if (method == SparkOperators.RepartitionMethod.GetGenericMethodDefinition()
            || method == SparkOperators.CoalesceMethod.GetGenericMethodDefinition())
        {
            var partitions = IntValue(call.Arguments[1]);
            if (partitions < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(partitions), partitions, $"{call.Method.Name} needs at least one partition: {call}");
            }

            return new RepartitionNode(source, partitions, shuffle: method == SparkOperators.RepartitionMethod.GetGenericMethodDefinition());
        }

        if (method == SparkOperators.CacheMethod.GetGenericMethodDefinition())
        {
            var inputs = _parameters.Slots.Where(slot => ExpressionUtil.References(call.Arguments[0], [slot])).ToList();
            return new CacheNode(source, (ParameterExpression)call.Arguments[1], inputs);
        }

        if (method == SparkOperators.WriteFilesMethod.GetGenericMethodDefinition())
        {
            return new WriteFilesNode(source, call.Arguments[1]);
        }

        return new BroadcastNode(source);
    }

    /// <summary>The value of an int argument that shapes the plan (a literal, or a slot read at planning).</summary>
    private int IntValue(Expression argument) => argument switch
    {
        ConstantExpression { Value: int value } => value,
        ParameterExpression slot when _parameters.IndexOf(slot) >= 0 => SlotInt(_parameters.IndexOf(slot)),
        _ => throw Unsupported("int argument", argument),
    };

    /// <summary>
    /// Whether LINQ answers a Take, TakeLast or Skip call with an empty sequence without reading its source: a count of 0
    /// or less, or a chain of Take and Skip calls that skips past its last Take (<c>Take(6).Skip(19)</c>). A count held
    /// in a slot makes the answer a plan assumption.
    /// </summary>
    private bool ReadsNothing(MethodCallExpression call)
    {
        var usesSlots = false;
        var rowsLeft = call.Method.Name == "TakeLast" ? Count(call.Arguments[1], ref usesSlots) : RowsLeft(call, ref usesSlots);
        if (rowsLeft is null)
        {
            return false;
        }

        var empty = rowsLeft(_parameters.Values) <= 0;
        if (usesSlots)
        {
            _assumptions.Add(new PlanAssumption($"{call.Method.Name} reads nothing", values => rowsLeft(values) <= 0, empty));
        }

        return empty;
    }

    /// <summary>
    /// The most rows a chain of Take and Skip calls can yield, as LINQ to Objects works it out before reading (each Take
    /// narrows the range, each Skip moves its start); null where the chain has no Take or a count is not known at planning.
    /// </summary>
    private Func<object?[], int>? RowsLeft(Expression sequence, ref bool usesSlots)
    {
        if (sequence is not MethodCallExpression { Method.Name: "Take" or "Skip" } call
            || call.Method.DeclaringType != typeof(Queryable)
            || call.Arguments[1].Type != typeof(int)
            || Count(call.Arguments[1], ref usesSlots) is not { } count)
        {
            return null;
        }

        var below = RowsLeft(call.Arguments[0], ref usesSlots);
        if (call.Method.Name == "Take")
        {
            return below is null ? count : values => Math.Min(count(values), below(values));
        }

        return below is null ? null : values => below(values) - Math.Max(count(values), 0);
    }

    /// <summary>A count argument known at planning: a literal, or a slot's value.</summary>
    private Func<object?[], int>? Count(Expression argument, ref bool usesSlots)
    {
        switch (argument)
        {
            case ConstantExpression { Value: int value }:
                return _ => value;
            case ParameterExpression slot when _parameters.IndexOf(slot) >= 0:
                var index = _parameters.IndexOf(slot);
                usesSlots = true;
                return values => (int)values[index]!;
            default:
                return null;
        }
    }

    private int SlotInt(int index)
    {
        var value = (int)_parameters.Values[index]!;
        _assumptions.Add(new PlanAssumption(index, "value", v => v, value));
        return value;
    }

    private static LambdaExpression Lambda(Expression argument) => ExpressionUtil.StripQuote(argument);

    private static bool IsLambda(Expression argument, int parameterCount) =>
        argument.NodeType == ExpressionType.Quote && Lambda(argument).Parameters.Count == parameterCount;

    private static NotSupportedException Unsupported(string what, Expression expression) =>
        new($"Linq.Spark does not support {what} here: {expression}");
}
