using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation;
using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>
/// The partial top-n of a column scan: the kernel reads only the sort keys' columns into (keys…, row index) tuples,
/// the n first tuples are kept, and only those n rows are built as objects, from the batches that hold them.
/// </summary>
internal static class ColumnTopN
{
    /// <summary>The partition producer over a column source, or null when the keys are too many for one tuple (then every row is built).</summary>
    public static Func<TaskContext, int, PartitionData>? TryCreate(ExecNode source, PlanRuntime runtime, IReadOnlyList<SortKey> keys, Expression take, PlanContext plan)
    {
        if (keys.Count > 3)
        {
            return null;
        }

        var tupleType = TupleOf([.. keys.Select(k => k.Selector.ReturnType), typeof(int)]);
        var sinkType = typeof(BoundedTopN<>).MakeGenericType(tupleType);
        var constructor = tupleType.GetConstructor(tupleType.GetGenericArguments())!;
        var collect = new FusedPipeline(source, sinkType, (context, row) => keys is [{ Comparer: null } key] && IsOrderedByCompareTo(key.Selector.ReturnType)
            ? AddIfBetter(context, sinkType, constructor, key, ExpressionUtil.Inline(key.Selector, row))
            : Expression.Call(
                context.Sink,
                sinkType.GetMethod("Add")!,
                Expression.New(constructor, [.. keys.Select(k => ExpressionUtil.Inline(k.Selector, row)), context.InputIndex])));

        // The same order over the tuples; equal keys keep input order because the top-n is stable.
        var tuple = Expression.Parameter(tupleType, "t");
        var tupleKeys = keys.Select((k, i) => k with { Selector = Expression.Lambda(Expression.Field(tuple, "Item" + (i + 1)), tuple) }).ToList();
        var comparison = (Func<object?[], Delegate>)typeof(ColumnTopN).GetMethod(nameof(Comparison), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(tupleType).Invoke(null, [tupleKeys, plan])!;
        var limit = Compilation.SlotBinder.Compile<Func<int>>(Expression.Lambda(take), plan.Slots);
        var indexField = tupleType.GetField("Item" + (keys.Count + 1))!;
        var scan = ColumnScan(source, runtime, keys, plan);
        return (context, partition) =>
        {
            var sink = Activator.CreateInstance(sinkType, limit(context.Parameters)(), comparison(context.Parameters))!;
            var columns = runtime.ColumnProducer(source);
            // Empty batches hold no row and move no row index, so leaving them out keeps every batch's start distinct.
            var batches = runtime.Batches(source, context, partition).Where(b => b.Count > 0).ToList();
            if (scan is { } run)
            {
                run(sink, batches, context.Job.Cancellation);
            }
            else
            {
                collect.Run(batches, context, partition, sink);
            }

            var best = new PartitionData((Array)sinkType.GetProperty("Items")!.GetValue(sink)!, (int)sinkType.GetProperty("Count")!.GetValue(sink)!);
            var starts = new int[batches.Count];
            for (var b = 1; b < starts.Length; b++)
            {
                starts[b] = starts[b - 1] + batches[b - 1].Count;
            }

            var rows = Array.CreateInstance(source.ElementType, best.Count);
            for (var i = 0; i < best.Count; i++)
            {
                // The index is the row's place in the partition: find its batch (the last one starting at or before it).
                var index = (int)indexField.GetValue(best.Rows.GetValue(i))!;
                var b = Array.BinarySearch(starts, index);
                b = b >= 0 ? b : ~b - 1;
                rows.SetValue(columns.Columns.DecodeAt(batches[b], index - starts[b]), i);
            }

            return new PartitionData(rows, best.Count);
        };
    }

    /// <summary>
    /// For one key that is a member of the source's rows stored in a column of its own type, with no operator between
    /// the source and the top-n: the SIMD scan of that column (<see cref="TopNScan"/>); null otherwise.
    /// </summary>
    private static Action<object, IReadOnlyList<ColumnBatch>, CancellationToken>? ColumnScan(ExecNode source, PlanRuntime runtime, IReadOnlyList<SortKey> keys, PlanContext plan)
    {
        if (!plan.Options.Vectorize || source is NarrowExec || keys is not [{ Comparer: null } key]
            || key.Selector.Body is not MemberExpression { Expression: ParameterExpression owner } member || owner != key.Selector.Parameters[0]
            || !IsOrderedByCompareTo(member.Type) || typeof(char) == member.Type)
        {
            return null;
        }

        var encoder = runtime.ColumnProducer(source).Columns;
        var column = encoder.ColumnOf(member.Member);
        if (column < 0 || encoder.IsWholeRow || encoder.Columns[column] is not { Kind: ColumnKind.Plain } spec || spec.StorageType != member.Type)
        {
            return null;
        }

        var run = typeof(TopNScan).GetMethod(nameof(TopNScan.RunUntyped))!.MakeGenericMethod(member.Type)
            .CreateDelegate<Action<object, IReadOnlyList<ColumnBatch>, int, bool, CancellationToken>>();
        return (sink, batches, cancellation) => run(sink, batches, column, key.Descending, cancellation);
    }

    /// <summary>
    /// The per-row step for one key of a primitive type: a row whose key does not beat the last kept one is dropped with
    /// one compare, before any tuple is built or comparison delegate called (once the top-n is full, nearly every row).
    /// </summary>
    private static Expression AddIfBetter(KernelContext context, Type sinkType, System.Reflection.ConstructorInfo constructor, SortKey key, Expression keyValue)
    {
        var keyType = key.Selector.ReturnType;
        var value = Expression.Variable(keyType, "key");
        var last = Expression.Field(Expression.Property(context.Sink, "Last"), "Item1");
        // The same order as Comparer<T>.Default (CompareTo puts NaN first); a key equal to the last one came later and loses.
        var compare = Expression.Call(value, keyType.GetMethod(nameof(IComparable<int>.CompareTo), [keyType])!, last);
        var beats = key.Descending ? Expression.GreaterThan(compare, Expression.Constant(0)) : Expression.LessThan(compare, Expression.Constant(0));
        return Expression.Block(
            [value],
            Expression.Assign(value, keyValue),
            Expression.IfThen(
                Expression.OrElse(Expression.Property(context.Sink, "HasRoom"), Expression.AndAlso(Expression.Property(context.Sink, "IsFull"), beats)),
                Expression.Call(context.Sink, sinkType.GetMethod("Add")!, Expression.New(constructor, value, context.InputIndex))));
    }

    /// <summary>Whether Comparer&lt;T&gt;.Default orders the type by its own CompareTo(T), with no null to place.</summary>
    private static bool IsOrderedByCompareTo(Type type) =>
        type.IsPrimitive && type != typeof(bool) && type != typeof(IntPtr) && type != typeof(UIntPtr);

    private static Func<object?[], Delegate> Comparison<TTuple>(IReadOnlyList<SortKey> keys, PlanContext plan)
    {
        var compiled = Compilation.SortComparison.Compile<TTuple>(keys, plan.Slots);
        return parameters => compiled(parameters);
    }

    private static Type TupleOf(Type[] types) => types.Length switch
    {
        2 => typeof(ValueTuple<,>).MakeGenericType(types),
        3 => typeof(ValueTuple<,,>).MakeGenericType(types),
        _ => typeof(ValueTuple<,,,>).MakeGenericType(types),
    };
}
