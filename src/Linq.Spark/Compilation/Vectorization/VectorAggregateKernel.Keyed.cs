using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Compilation.Vectorization;

/// <summary>Keyed aggregates: vector-computed keys and values folded into the hash table lane by lane.</summary>
internal sealed partial class VectorAggregateKernel
{
    /// <summary>Keys and values computed eight at a time, then folded into the hash table for each selected lane.</summary>
    private List<Expression>? KeyedUpdates(AggregateCodegen codegen, LambdaExpression keySelector, Expression current, ParameterExpression laneBits)
    {
        var keyBody = MemberFolding.Fold(ExpressionUtil.Inline(keySelector, current));
        var parts = keyBody.Type == typeof(int) || keyBody.Type == typeof(long) ? null : KeyParts(keyBody);
        var updates = new List<Expression>();
        Func<ParameterExpression, Expression> findSlot;
        if (parts is null)
        {
            var key = _compiler!.Numeric(keyBody, laneBits);
            if (key is null)
            {
                return null;
            }

            var keys = Scratch(key, updates);
            findSlot = lane => Expression.Call(_context.Sink, "FindOrAdd", null, Expression.Convert(Expression.ArrayIndex(keys, lane), keySelector.ReturnType));
        }
        else
        {
            var found = PackedSlots(keyBody, parts, updates);
            if (found is null)
            {
                return null;
            }

            findSlot = found;
        }

        var values = new Func<ParameterExpression, Expression?>[codegen.Calls.Count];
        for (var c = 0; c < codegen.Calls.Count; c++)
        {
            var call = codegen.Calls[c];
            if (call.Argument is null)
            {
                values[c] = _ => null;
                continue;
            }

            if (call.Kind is AggregateKind.Count or AggregateKind.LongCount)
            {
                var predicate = _compiler!.Bits(Argument(call, current), laneBits);
                if (predicate is null)
                {
                    return null;
                }

                var predicateBits = Declare(typeof(uint), "predicate");
                updates.Add(Expression.Assign(predicateBits, predicate));
                values[c] = j => Expression.NotEqual(Expression.And(Expression.RightShift(predicateBits, j), Expression.Constant(1u)), Expression.Constant(0u));
                continue;
            }

            var value = _compiler!.Numeric(Argument(call, current), laneBits);
            if (value is null)
            {
                return null;
            }

            var scratch = Scratch(value, updates);
            values[c] = j => Expression.Convert(Expression.ArrayIndex(scratch, j), call.Argument.ReturnType);
        }

        var slot = Expression.Variable(typeof(int), "slot");
        var map = _context.Sink;
        var states = Expression.Property(map, "States");
        updates.Add(LaneLoop.ForEachSelected(laneBits, lane => Expression.Block(
            [slot],
            Expression.Assign(slot, findSlot(lane)),
            Expression.IfThen(Expression.LessThan(slot, Expression.Constant(0)), Expression.Assign(slot, Expression.OnesComplement(slot))),
            codegen.UpdateValues(Expression.ArrayAccess(states, slot), c => values[c](lane)))));
        return updates;
    }

    /// <summary>
    /// The parts of a key the packed lookup handles: a string member, or an anonymous type of one or two int-sized
    /// or string members (<c>new { l.ReturnFlag, l.LineStatus }</c>); null for any other key.
    /// </summary>
    private static IReadOnlyList<Expression>? KeyParts(Expression body) => body switch
    {
        _ when body.Type == typeof(string) => [body],
        NewExpression { Arguments.Count: 1 or 2 } key when key.Arguments.All(a => IsIntSized(a.Type) || a.Type == typeof(string)) => key.Arguments,
        _ => null,
    };

    private static bool IsIntSized(Type type) =>
        type == typeof(int) || type == typeof(char) || type == typeof(short) || (type.IsEnum && Enum.GetUnderlyingType(type) == typeof(int));

    /// <summary>
    /// Finds a key's slot without building a key object per row: each part's lanes (a string's dictionary codes) are
    /// packed into one long, looked up in a small per-batch map of packed key to slot; the key object is built only
    /// for a key's first row in the batch.
    /// </summary>
    private Func<ParameterExpression, Expression>? PackedSlots(Expression key, IReadOnlyList<Expression> keyParts, List<Expression> updates)
    {
        var lanes = new List<ParameterExpression>();
        var decode = new List<Func<Expression, Expression>>();
        foreach (var part in keyParts)
        {
            if (part.Type == typeof(string))
            {
                if (_compiler!.DictionaryCodes(part) is not var (codes, dictionary))
                {
                    return null;
                }

                lanes.Add(Scratch(codes, updates));
                decode.Add(code => Expression.Condition(
                    Expression.LessThan(code, Expression.Constant(0)),
                    Expression.Constant(null, typeof(string)),
                    Expression.ArrayIndex(dictionary, code)));
                continue;
            }

            if (_compiler!.Numeric(part, _selected) is not { } values)
            {
                return null;
            }

            lanes.Add(Scratch(values, updates));
            var type = part.Type;
            decode.Add(value => Expression.Convert(value, type));
        }

        var packedSlots = Declare(typeof(AggregationMap<long, int>), "packedSlots");
        _setup.Add(Expression.Assign(packedSlots, Expression.New(typeof(AggregationMap<long, int>).GetConstructors()[0], Expression.Constant(null, typeof(IEqualityComparer<long>)))));
        return lane =>
        {
            Expression packed = Expression.Convert(Expression.Convert(Expression.ArrayIndex(lanes[0], lane), typeof(uint)), typeof(long));
            if (lanes.Count == 2)
            {
                packed = Expression.Or(
                    Expression.LeftShift(packed, Expression.Constant(32)),
                    Expression.Convert(Expression.Convert(Expression.ArrayIndex(lanes[1], lane), typeof(uint)), typeof(long)));
            }

            var entry = Expression.Variable(typeof(int), "entry");
            var slot = Expression.Variable(typeof(int), "keySlot");
            var states = Expression.Property(packedSlots, nameof(AggregationMap<long, int>.States));
            var decoded = keyParts.Select((_, i) => decode[i](Expression.ArrayIndex(lanes[i], lane))).ToList();
            var keyObject = key is NewExpression created ? created.Update(decoded) : decoded[0];
            return Expression.Block(
                typeof(int),
                [entry, slot],
                Expression.Assign(entry, Expression.Call(packedSlots, nameof(AggregationMap<long, int>.FindOrAdd), null, packed)),
                Expression.IfThenElse(
                    Expression.GreaterThanOrEqual(entry, Expression.Constant(0)),
                    Expression.Assign(slot, Expression.ArrayIndex(states, entry)),
                    Expression.Block(
                        Expression.Assign(slot, Expression.Call(_context.Sink, "FindOrAdd", null, keyObject)),
                        Expression.IfThen(Expression.LessThan(slot, Expression.Constant(0)), Expression.Assign(slot, Expression.OnesComplement(slot))),
                        Expression.Assign(Expression.ArrayAccess(states, Expression.OnesComplement(entry)), slot))),
                slot);
        };
    }
}
