using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>A stateless rewrite of one logical node; returns null when it does not apply.</summary>
internal interface IOptimizerRule
{
    /// <summary>The name by which SparkOptions.DisabledRules switches the rule off.</summary>
    string Name { get; }

    /// <summary>The rewritten node, or null when the rule leaves this node unchanged.</summary>
    LogicalNode? Apply(LogicalNode node);
}
