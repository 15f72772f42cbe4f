using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// What a scan of files may use to read less: the pushable leading comparisons of the Where above it (null when none;
/// see <see cref="Sources.PushedFilters"/>), and which member columns come from key=value folders, so that Explain can
/// show comparisons on them as PartitionFilters and the rest as PushedFilters, as Spark does; and, when the query
/// reads rows of the type only member by member (<see cref="RowMemberUse"/>), which member columns it reads anywhere
/// (null: a row may be read whole).
/// </summary>
internal sealed record ScanPushdown(LambdaExpression? Filter, IReadOnlyList<int> PartitionColumns, bool[]? Columns = null);
