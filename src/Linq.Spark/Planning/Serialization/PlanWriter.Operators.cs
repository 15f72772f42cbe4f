using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Planning.Serialization;

/// <summary>Physical operators: a tag, the operator's id, its own fields, then its inputs.</summary>
internal sealed partial class PlanWriter
{
    public void Operator(ExecNode node) => node.Accept(new OperatorFields(this));

    private void Head(OperatorTag tag, ExecNode node)
    {
        _out.Write((byte)tag);
        Int(node.Id);
    }

    private void SortKeys(IReadOnlyList<SortKey> keys)
    {
        Int(keys.Count);
        foreach (var key in keys)
        {
            Lambda(key.Selector);
            Bool(key.Descending);
            NullableExpression(key.Comparer);
        }
    }

    private void Join(JoinSpec join)
    {
        Int((int)join.Kind);
        Lambda(join.LeftKey);
        Lambda(join.RightKey);
        Lambda(join.ResultSelector);
        NullableExpression(join.Comparer);
        Bool(join.BuildsLeft);
    }

    private void Partitioning(Partitioning partitioning)
    {
        switch (partitioning)
        {
            case SinglePartitioning:
                Int(0);
                break;
            case UnknownPartitioning unknown:
                Int(1);
                Int(unknown.NumPartitions);
                break;
            case RoundRobinPartitioning roundRobin:
                Int(2);
                Int(roundRobin.NumPartitions);
                break;
            case HashPartitioning hash:
                Int(3);
                Lambda(hash.Key);
                NullableExpression(hash.Comparer);
                Int(hash.NumPartitions);
                NullableString(hash.Display);
                break;
            case RangePartitioning range:
                Int(4);
                SortKeys(range.Keys);
                Int(range.NumPartitions);
                break;
            default:
                throw new NotSupportedException($"The partitioning {partitioning.Describe()} cannot be written into a plan.");
        }
    }

    /// <summary>Writes each operator kind's fields (the visitor keeps the writer free of type switches).</summary>
    private sealed class OperatorFields(PlanWriter w) : IExecVisitor<bool>
    {
        public bool VisitScan(ScanExec node)
        {
            w.Head(OperatorTag.Scan, node);
            w.Int(node.SlotIndex);
            w.Type(node.ElementType);
            w.Int(node.Partitions);
            w.String(node.Description);
            w.Bool(node.Pushdown is not null);
            if (node.Pushdown is { } pushdown)
            {
                w.NullableLambda(pushdown.Filter);
                w.Int(pushdown.PartitionColumns.Count);
                foreach (var column in pushdown.PartitionColumns)
                {
                    w.Int(column);
                }

                w.Bool(pushdown.Columns is not null);
                if (pushdown.Columns is { } columns)
                {
                    w.Int(columns.Length);
                    foreach (var read in columns)
                    {
                        w.Bool(read);
                    }
                }
            }

            return true;
        }

        public bool VisitFilter(FilterExec node) => Unary(OperatorTag.Filter, node, node.Input, () => w.Lambda(node.Predicate));

        public bool VisitWriteFiles(WriteFilesExec node) => Unary(OperatorTag.WriteFiles, node, node.Child, () => w.Expression(node.Spec));

        public bool VisitProject(ProjectExec node) => Unary(OperatorTag.Project, node, node.Input, () => w.Lambda(node.Selector));

        public bool VisitFlatMap(FlatMapExec node) => Unary(OperatorTag.FlatMap, node, node.Input, () =>
        {
            w.Lambda(node.CollectionSelector);
            w.NullableLambda(node.ResultSelector);
        });

        public bool VisitLocalLimit(LocalLimitExec node) => Unary(OperatorTag.LocalLimit, node, node.Input, () => w.Expression(node.Limit));

        public bool VisitBroadcastHashJoin(BroadcastHashJoinExec node) => Joined(OperatorTag.BroadcastHashJoin, node);

        public bool VisitShuffledHashJoin(ShuffledHashJoinExec node) => Joined(OperatorTag.ShuffledHashJoin, node);

        public bool VisitShuffleExchange(ShuffleExchangeExec node) => Unary(OperatorTag.ShuffleExchange, node, node.Child, () =>
        {
            w.Partitioning(node.Partitioning);
            w.Bool(node.DefersFailures);
        });

        public bool VisitBroadcastExchange(BroadcastExchangeExec node) => Unary(OperatorTag.BroadcastExchange, node, node.Child, () => { });

        public bool VisitHashAggregate(HashAggregateExec node) => Unary(OperatorTag.HashAggregate, node, node.Child, () =>
        {
            w.Int((int)node.Mode);
            w.Int(node.AggregationId);
            var spec = node.Aggregate;
            w.Type(spec.InputType);
            w.NullableLambda(spec.KeySelector);
            w.Int(spec.Aggregates.Count);
            foreach (var call in spec.Aggregates)
            {
                w.Int((int)call.Kind);
                w.NullableLambda(call.Argument);
                w.Type(call.ResultType);
            }

            w.Lambda(spec.ResultSelector);
            w.NullableExpression(spec.Comparer);
        });

        public bool VisitGroupBy(GroupByExec node) => Unary(OperatorTag.GroupBy, node, node.Child, () =>
        {
            w.Lambda(node.Group.KeySelector);
            w.NullableLambda(node.Group.ElementSelector);
            w.NullableLambda(node.Group.ResultSelector);
            w.NullableExpression(node.Group.Comparer);
        });

        public bool VisitDistinct(DistinctExec node) => Unary(OperatorTag.Distinct, node, node.Child, () =>
        {
            w.Int((int)node.Mode);
            w.Lambda(node.Key);
            w.NullableExpression(node.Comparer);
        });

        public bool VisitSetOperation(SetOperationExec node)
        {
            w.Head(OperatorTag.SetOperation, node);
            w.Int((int)node.Kind);
            w.Lambda(node.LeftKey);
            w.Lambda(node.RightKey);
            w.NullableExpression(node.Comparer);
            return Inputs(node);
        }

        public bool VisitSort(SortExec node) => Unary(OperatorTag.Sort, node, node.Child, () => w.SortKeys(node.Keys));

        public bool VisitTopN(TopNExec node) => Unary(OperatorTag.TopN, node, node.Child, () =>
        {
            w.Int((int)node.Mode);
            w.SortKeys(node.Keys);
            w.Expression(node.Take);
        });

        public bool VisitGlobalLimit(GlobalLimitExec node) => Unary(OperatorTag.GlobalLimit, node, node.Child, () =>
        {
            w.NullableExpression(node.Skip);
            w.NullableExpression(node.Take);
        });

        public bool VisitUnion(UnionExec node)
        {
            w.Head(OperatorTag.Union, node);
            return Inputs(node);
        }

        public bool VisitValues(ValuesExec node)
        {
            w.Head(OperatorTag.Values, node);
            w.Expression(node.Value);
            return true;
        }

        public bool VisitCoalesce(CoalesceExec node) => Unary(OperatorTag.Coalesce, node, node.Child, () => w.Int(node.Partitions));

        public bool VisitCache(CacheExec node) => Unary(OperatorTag.Cache, node, node.Child, () =>
        {
            w.Int(node.TokenIndex);
            w.Int(node.InputIndexes.Count);
            foreach (var index in node.InputIndexes)
            {
                w.Int(index);
            }
        });

        public bool VisitSequential(SequentialExec node)
        {
            w.Head(OperatorTag.Sequential, node);
            w.String(node.Name);
            w.Int(node.Parameters.Count);
            foreach (var parameter in node.Parameters)
            {
                w.Declare(parameter);
            }

            w.Expression(node.Body);
            return Inputs(node);
        }

        public bool VisitDriverRows(DriverRowsExec node)
        {
            w.Head(OperatorTag.DriverRows, node);
            w.Type(node.ElementType);
            return true;
        }

        public bool VisitDriverSteps(DriverStepsExec node)
        {
            w.Head(OperatorTag.DriverSteps, node);
            w.Operator(node.Final);
            w.Operator(node.Steps);
            return true;
        }

        private bool Unary(OperatorTag tag, ExecNode node, ExecNode child, Action fields)
        {
            w.Head(tag, node);
            fields();
            w.Operator(child);
            return true;
        }

        private bool Joined(OperatorTag tag, HashJoinExec node)
        {
            w.Head(tag, node);
            w.Join(node.Join);
            w.Operator(node.Input);
            w.Operator(node.Build);
            return true;
        }

        private bool Inputs(ExecNode node)
        {
            w.Int(node.Children.Count);
            foreach (var child in node.Children)
            {
                w.Operator(child);
            }

            return true;
        }
    }
}
