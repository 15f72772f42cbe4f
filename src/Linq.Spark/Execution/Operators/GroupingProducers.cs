using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Compilation;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Execution.Memory;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>Materializing GroupBy of one hash partition: groups keep the order of their first row, elements their source order.</summary>
internal static class GroupByProducer
{
    public static IPartitionProducer Create(GroupByExec node, PlanRuntime runtime)
    {
        var group = node.Group;
        return (IPartitionProducer)Activator.CreateInstance(
            typeof(Typed<,,,>).MakeGenericType(group.InputType, group.KeyType, group.ElementType, group.ResultType), node, runtime)!;
    }

    private sealed class Typed<TSource, TKey, TElement, TResult> : IPartitionProducer
    {
        private readonly GroupByExec _node;
        private readonly PlanRuntime _runtime;
        private readonly Func<object?[], Func<TSource, TKey>> _key;
        private readonly Func<object?[], Func<TSource, TElement>> _element;
        private readonly Func<object?[], Func<TKey, IEnumerable<TElement>, TResult>>? _result;
        private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer;

        public Typed(GroupByExec node, PlanRuntime runtime)
        {
            _node = node;
            _runtime = runtime;
            var group = node.Group;
            var slots = node.Plan.Slots;
            _key = SlotBinder.Compile<Func<TSource, TKey>>(group.KeySelector, slots);
            _element = SlotBinder.Compile<Func<TSource, TElement>>(group.ElementSelector ?? ExpressionUtil.Identity(typeof(TSource)), slots);
            _result = group.ResultSelector is null ? null : SlotBinder.Compile<Func<TKey, IEnumerable<TElement>, TResult>>(group.ResultSelector, slots);
            _comparer = SlotBinder.CompileComparer<TKey>(group.Comparer, slots);
        }

        public PartitionData Produce(TaskContext context, int partition)
        {
            var parameters = context.Parameters;
            var key = _key(parameters);
            var element = _element(parameters);
            var comparer = _comparer(parameters);
            var hashComparer = comparer ?? EqualityComparer<TKey>.Default;
            var result = _result?.Invoke(parameters);
            var reservation = context.Reserve(_node);
            var output = new RowList<TResult>();
            var input = _runtime.Chunks(_node.Child, context, partition).Select(chunk =>
            {
                var rows = (TSource[])chunk.Rows;
                var pairs = new KeyedRow<TKey, TElement>[chunk.Count];
                for (var i = 0; i < pairs.Length; i++)
                {
                    pairs[i] = new KeyedRow<TKey, TElement>(key(rows[i]), element(rows[i]));
                }

                return pairs;
            });
            Group(input, 0);
            return PartitionData.From(output);

            // Groups the pairs in memory, spilling the groups so far to hash buckets (each group's elements in order)
            // whenever they outgrow the reservation; then groups each bucket the same way.
            void Group(IEnumerable<KeyedRow<TKey, TElement>[]> pairs, int depth)
            {
                var map = new AggregationMap<TKey, RowList<TElement>?>(comparer);
                long elements = 0;
                SpillBuckets<KeyedRow<TKey, TElement>>? buckets = null;
                try
                {
                    foreach (var chunk in pairs)
                    {
                        for (var i = 0; i < chunk.Length; i++)
                        {
                            var slot = map.FindOrAdd(chunk[i].Key);
                            if (slot < 0)
                            {
                                slot = ~slot;
                                map.States[slot] = new RowList<TElement>(4);
                            }

                            map.States[slot]!.Add(chunk[i].Row);
                            if ((i & 255) != 255 && i != chunk.Length - 1)
                            {
                                continue;
                            }

                            elements += (i & 255) + 1;
                            var bytes = (map.Keys.Length * GroupBytes) + (elements * MemorySize.Of<TElement>());
                            if (reservation.TryGrowTo(bytes, depth))
                            {
                                continue;
                            }

                            if (depth == SpillBuckets<KeyedRow<TKey, TElement>>.MaxDepth)
                            {
                                reservation.GrowTo(bytes);
                            }

                            buckets ??= new SpillBuckets<KeyedRow<TKey, TElement>>(context.Job.Spills, reservation, p => KeyHashing.Hash(hashComparer, p.Key), depth, _node.Plan.Options.BatchSize);
                            SpillGroups(map, buckets);
                            map = new AggregationMap<TKey, RowList<TElement>?>(comparer);
                            elements = 0;
                            reservation.Free();
                        }
                    }

                    if (buckets is null)
                    {
                        for (var g = 0; g < map.Count; g++)
                        {
                            var grouping = new Grouping<TKey, TElement>(map.Keys[g], map.States[g]!);
                            output.Add(result is null ? (TResult)(object)grouping : result(grouping.Key, grouping));
                        }

                        return;
                    }

                    SpillGroups(map, buckets);
                    reservation.Free();
                    foreach (var bucket in buckets.Buckets())
                    {
                        Group(bucket, depth + 1);
                    }
                }
                finally
                {
                    reservation.Free();
                    buckets?.Dispose();
                }
            }
        }

        /// <summary>The estimated bytes of one group slot: key, hash, bucket, and its element list.</summary>
        private static long GroupBytes => MemorySize.Of<TKey>() + 12 + 8 + 40;

        /// <summary>Writes every group's elements, group by group, in their order.</summary>
        private static void SpillGroups(AggregationMap<TKey, RowList<TElement>?> map, SpillBuckets<KeyedRow<TKey, TElement>> buckets)
        {
            var pairs = new RowList<KeyedRow<TKey, TElement>>();
            for (var g = 0; g < map.Count; g++)
            {
                var elements = map.States[g]!;
                for (var e = 0; e < elements.Count; e++)
                {
                    pairs.Add(new KeyedRow<TKey, TElement>(map.Keys[g], elements.Items[e]));
                }

                if (pairs.Count >= 4096)
                {
                    buckets.Write(pairs.Items.AsSpan(0, pairs.Count));
                    pairs.Clear();
                }
            }

            buckets.Write(pairs.Items.AsSpan(0, pairs.Count));
        }
    }
}

/// <summary>Keeps the first row of each key in a partition (both halves of Distinct: before and after the shuffle on the key).</summary>
internal static class DistinctProducer
{
    public static IPartitionProducer Create(DistinctExec node, PlanRuntime runtime) =>
        (IPartitionProducer)Activator.CreateInstance(typeof(Typed<,>).MakeGenericType(node.ElementType, node.Key.ReturnType), node, runtime)!;

    private sealed class Typed<T, TKey>(DistinctExec node, PlanRuntime runtime) : IPartitionProducer
    {
        private readonly Func<object?[], Func<T, TKey>> _key = SlotBinder.Compile<Func<T, TKey>>(node.Key, node.Plan.Slots);
        private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer = SlotBinder.CompileComparer<TKey>(node.Comparer, node.Plan.Slots);

        public PartitionData Produce(TaskContext context, int partition)
        {
            var key = _key(context.Parameters);
            var comparer = _comparer(context.Parameters);
            var hashComparer = comparer ?? EqualityComparer<TKey>.Default;
            var reservation = context.Reserve(node);
            var output = new RowList<T>();
            Keep(runtime.Chunks(node.Child, context, partition).Select(c => ((T[])c.Rows, c.Count)), 0);
            return PartitionData.From(output);

            // Keeps each key's first row; when the keys and rows kept outgrow the reservation, the rows kept so far
            // (each the first of its key) go to hash buckets, and so do later ones; each bucket is then kept the same way.
            void Keep(IEnumerable<(T[] Rows, int Count)> input, int depth)
            {
                var seen = new AggregationMap<TKey, bool>(comparer);
                var kept = depth == 0 ? output : new RowList<T>();
                var start = kept.Count;
                SpillBuckets<T>? buckets = null;
                try
                {
                    foreach (var (rows, count) in input)
                    {
                        for (var i = 0; i < count; i++)
                        {
                            if (seen.FindOrAdd(key(rows[i])) < 0)
                            {
                                kept.Add(rows[i]);
                            }
                        }

                        var bytes = (seen.Keys.Length * (MemorySize.Of<TKey>() + 13)) + ((kept.Count - start) * MemorySize.Of<T>());
                        if (reservation.TryGrowTo(bytes, depth))
                        {
                            continue;
                        }

                        if (depth == SpillBuckets<T>.MaxDepth)
                        {
                            reservation.GrowTo(bytes);
                        }

                        buckets ??= new SpillBuckets<T>(context.Job.Spills, reservation, row => KeyHashing.Hash(hashComparer, key(row)), depth, node.Plan.Options.BatchSize);
                        Move(kept, start, buckets);
                        seen.Release();
                        seen = new AggregationMap<TKey, bool>(comparer);
                        reservation.Free();
                    }

                    if (buckets is null)
                    {
                        if (!ReferenceEquals(kept, output))
                        {
                            output.AddRange(kept.Items, 0, kept.Count);
                        }

                        return;
                    }

                    Move(kept, start, buckets);
                    seen.Release();
                    reservation.Free();
                    foreach (var bucket in buckets.Buckets())
                    {
                        Keep(bucket.Select(rows => (rows, rows.Length)), depth + 1);
                    }
                }
                finally
                {
                    seen.Release();
                    reservation.Free();
                    buckets?.Dispose();
                }
            }
        }

        /// <summary>Writes the rows kept from <paramref name="start"/> on to the buckets and drops them from the list.</summary>
        private static void Move(RowList<T> kept, int start, SpillBuckets<T> buckets)
        {
            buckets.Write(kept.Items.AsSpan(start, kept.Count - start));
            kept.Truncate(start);
        }
    }
}

/// <summary>Intersect/Except of one hash partition of each side: left rows whose key the right side has (or lacks), each key once.</summary>
internal static class SetOperationProducer
{
    public static IPartitionProducer Create(SetOperationExec node, PlanRuntime runtime) =>
        (IPartitionProducer)Activator.CreateInstance(
            typeof(Typed<,,>).MakeGenericType(node.Left.ElementType, node.Right.ElementType, node.LeftKey.ReturnType), node, runtime)!;

    private sealed class Typed<TLeft, TRight, TKey>(SetOperationExec node, PlanRuntime runtime) : IPartitionProducer
    {
        private readonly Func<object?[], Func<TLeft, TKey>> _leftKey = SlotBinder.Compile<Func<TLeft, TKey>>(node.LeftKey, node.Plan.Slots);
        private readonly Func<object?[], Func<TRight, TKey>> _rightKey = SlotBinder.Compile<Func<TRight, TKey>>(node.RightKey, node.Plan.Slots);
        private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer = SlotBinder.CompileComparer<TKey>(node.Comparer, node.Plan.Slots);

        public PartitionData Produce(TaskContext context, int partition)
        {
            var comparer = _comparer(context.Parameters);
            var hashComparer = comparer ?? EqualityComparer<TKey>.Default;
            var rk = _rightKey(context.Parameters);
            var lk = _leftKey(context.Parameters);
            var intersect = node.Kind == SetOperationKind.Intersect;
            var reservation = context.Reserve(node);
            var output = new RowList<TLeft>();
            var batchSize = node.Plan.Options.BatchSize;
            MatchAll(
                runtime.Chunks(node.Right, context, partition).Select(c => Keys((TRight[])c.Rows, c.Count, rk)),
                [],
                runtime.Chunks(node.Left, context, partition).Select(c => ((TLeft[])c.Rows, c.Count)),
                0);
            return PartitionData.From(output);

            // Keeps the left rows whose key the right side has (or lacks), each key once. The right keys and the left
            // keys handed on stay in memory while they fit; past that, the right keys, the keys handed on and the left
            // rows still to come go to hash buckets, and each bucket is matched the same way (a grace hash join's
            // plan): every row of a key is in the same bucket of each.
            void MatchAll(IEnumerable<TKey[]> rights, IEnumerable<TKey[]> handedOn, IEnumerable<(TLeft[] Rows, int Count)> lefts, int depth)
            {
                var other = new AggregationMap<TKey, bool>(comparer);
                var seen = new AggregationMap<TKey, bool>(comparer);
                SpillBuckets<TKey>? rightBuckets = null;
                SpillBuckets<TKey>? seenBuckets = null;
                SpillBuckets<TLeft>? leftBuckets = null;
                SpillBuckets<TKey> KeyBuckets() => new(context.Job.Spills, reservation, k => KeyHashing.Hash(hashComparer, k), depth, batchSize);

                // Moves what is in memory to buckets, once memory is refused.
                bool Fits()
                {
                    var bytes = KeyBytes(other) + KeyBytes(seen);
                    if (reservation.TryGrowTo(bytes, depth))
                    {
                        return true;
                    }

                    if (depth == SpillBuckets<TKey>.MaxDepth)
                    {
                        reservation.GrowTo(bytes);
                    }

                    rightBuckets = KeyBuckets();
                    rightBuckets.Write(other.Keys.AsSpan(0, other.Count));
                    seenBuckets = KeyBuckets();
                    seenBuckets.Write(seen.Keys.AsSpan(0, seen.Count));
                    other.Release();
                    seen.Release();
                    reservation.Free();
                    return false;
                }

                try
                {
                    foreach (var keys in rights)
                    {
                        if (rightBuckets is null)
                        {
                            AddAll(other, keys);
                            Fits();
                        }
                        else
                        {
                            rightBuckets.Write(keys);
                        }
                    }

                    foreach (var keys in handedOn)
                    {
                        if (rightBuckets is null)
                        {
                            AddAll(seen, keys);
                            Fits();
                        }
                        else
                        {
                            seenBuckets!.Write(keys);
                        }
                    }

                    foreach (var (rows, count) in lefts)
                    {
                        if (rightBuckets is null)
                        {
                            Match(rows, count, other, seen);
                            Fits();
                        }
                        else
                        {
                            leftBuckets ??= new SpillBuckets<TLeft>(context.Job.Spills, reservation, row => KeyHashing.Hash(hashComparer, lk(row)), depth, batchSize);
                            leftBuckets.Write(rows.AsSpan(0, count));
                        }
                    }

                    other.Release();
                    seen.Release();
                    reservation.Free();
                    if (rightBuckets is null)
                    {
                        return;
                    }

                    using var seenParts = seenBuckets!.Buckets().GetEnumerator();
                    using var leftParts = leftBuckets?.Buckets().GetEnumerator();
                    foreach (var rightPart in rightBuckets.Buckets())
                    {
                        seenParts.MoveNext();
                        var leftPart = leftParts?.MoveNext() == true ? leftParts.Current.Select(rows => (rows, rows.Length)) : [];
                        MatchAll(rightPart, seenParts.Current, leftPart, depth + 1);
                    }
                }
                finally
                {
                    other.Release();
                    seen.Release();
                    reservation.Free();
                    rightBuckets?.Dispose();
                    seenBuckets?.Dispose();
                    leftBuckets?.Dispose();
                }
            }

            void Match(TLeft[] rows, int count, AggregationMap<TKey, bool> keys, AggregationMap<TKey, bool> handedOn)
            {
                for (var i = 0; i < count; i++)
                {
                    var key = lk(rows[i]);
                    if ((keys.Find(key) >= 0) == intersect && handedOn.FindOrAdd(key) < 0)
                    {
                        output.Add(rows[i]);
                    }
                }
            }
        }

        private static void AddAll(AggregationMap<TKey, bool> keys, TKey[] chunk)
        {
            foreach (var k in chunk)
            {
                keys.FindOrAdd(k);
            }
        }

        private static long KeyBytes(AggregationMap<TKey, bool> keys) => keys.Keys.Length * (MemorySize.Of<TKey>() + 13);

        private static TKey[] Keys(TRight[] rows, int count, Func<TRight, TKey> key)
        {
            var keys = new TKey[count];
            for (var i = 0; i < count; i++)
            {
                keys[i] = key(rows[i]);
            }

            return keys;
        }
    }
}
