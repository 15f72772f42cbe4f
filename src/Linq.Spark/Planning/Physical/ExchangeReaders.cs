namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Finds, for each shuffle of a finished physical plan, the pipeline of the stage above that reads its batches as
/// columns: the narrow operators over it and the partial aggregation or the next shuffle's map side they feed. Such a
/// shuffle writes only the columns that pipeline reads (Spark prunes columns at the scan; here the exchange is where
/// whole rows would otherwise be copied). A shuffle read as rows, or read in more than one place, writes every column.
/// </summary>
internal static class ExchangeReaders
{
    public static void Link(ExecNode root)
    {
        var readers = new Dictionary<ShuffleExchangeExec, Func<Pipeline>?>(ReferenceEqualityComparer.Instance);
        var shared = new HashSet<ShuffleExchangeExec>(ReferenceEqualityComparer.Instance);
        Visit(root, [], readers, shared);
        foreach (var (exchange, reader) in readers)
        {
            exchange.Reader = shared.Contains(exchange) ? null : reader;
        }
    }

    private static void Visit(ExecNode node, List<ExecNode> ancestors, Dictionary<ShuffleExchangeExec, Func<Pipeline>?> readers, HashSet<ShuffleExchangeExec> shared)
    {
        ancestors.Add(node);
        foreach (var child in node.Children)
        {
            if (child is ShuffleExchangeExec exchange && !readers.TryAdd(exchange, ReaderOf(exchange, ancestors)))
            {
                shared.Add(exchange);
            }

            Visit(child, ancestors, readers, shared);
        }

        ancestors.RemoveAt(ancestors.Count - 1);
    }

    /// <summary>The pipeline whose source is the exchange, when its consumer is one that builds such a pipeline.</summary>
    private static Func<Pipeline>? ReaderOf(ShuffleExchangeExec exchange, List<ExecNode> ancestors)
    {
        ExecNode top = exchange;
        var level = ancestors.Count - 1;
        while (level >= 0 && ancestors[level] is NarrowExec narrow && ReferenceEquals(narrow.Input, top))
        {
            top = narrow;
            level--;
        }

        var consumer = level >= 0 ? ancestors[level] : null;
        return consumer switch
        {
            ShuffleExchangeExec next when ReferenceEquals(next.Child, top) => () => next.MapPipeline,
            HashAggregateExec { Mode: AggregateMode.Partial } aggregate when ReferenceEquals(aggregate.Child, top) =>
                () => aggregate.Runtime.Value.PartialPipeline(top),
            _ => null,
        };
    }
}
