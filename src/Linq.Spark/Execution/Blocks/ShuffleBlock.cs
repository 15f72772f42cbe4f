using Linq.Spark.Columnar;

namespace Linq.Spark.Execution.Blocks;

/// <summary>
/// One block's rows as a column batch, with the layout that reads them, and for a range shuffle's sorted run the sort
/// keys of its rows in order (one key value per row).
/// </summary>
/// <param name="Rows">The rows.</param>
/// <param name="Layout">The column layout of <paramref name="Rows"/>.</param>
/// <param name="Keys">A TKeys[] of the rows' sort keys, or null.</param>
/// <param name="KeyLayout">The layout of the keys as columns, or null.</param>
internal sealed record ShuffleBlock(ColumnBatch Rows, IEncoder Layout, Array? Keys = null, IEncoder? KeyLayout = null);
