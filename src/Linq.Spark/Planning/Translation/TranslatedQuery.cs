using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Translation;

/// <summary>
/// A translated query: the logical plan of its rows, and for an action the LINQ to Objects call that the driver
/// applies to the collected rows, with hints on how few rows each task needs to send.
/// </summary>
/// <param name="Root">The logical plan producing the rows.</param>
/// <param name="Finisher">IEnumerable&lt;row&gt; => action result, or null for a sequence query.</param>
/// <param name="LocalLimit">At most this many rows per partition are needed (First, Any, Single, ElementAt).</param>
/// <param name="LastOnly">Only each partition's last row is needed (Last, LastOrDefault).</param>
/// <param name="Description">The action's name for job descriptions.</param>
internal sealed record TranslatedQuery(LogicalNode Root, LambdaExpression? Finisher, Expression? LocalLimit, bool LastOnly, string Description);
