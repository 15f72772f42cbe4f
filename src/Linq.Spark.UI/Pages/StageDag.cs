using System.Text;
using Linq.Spark.UI.Status;
using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>
/// A job's stages drawn as SVG, as Spark's DAG visualization: a box per stage listing its operators, coloured by its
/// status, and an arrow from each parent to the stage that reads its shuffle. Stages sit in columns by depth (a stage
/// one column right of its deepest parent), so every arrow points right.
/// </summary>
internal static class StageDag
{
    private const int BoxWidth = 300;
    private const int ColumnGap = 70;
    private const int RowGap = 24;
    private const int LineHeight = 15;
    private const int HeaderHeight = 40;
    private const int MaxLines = 14;
    private const int MaxChars = 40;
    private const int Margin = 12;

    public static string Render(IReadOnlyList<StageSummary> stages)
    {
        var ids = stages.Select(s => s.StageId).ToHashSet();
        var depth = new Dictionary<int, int>();
        foreach (var stage in stages.OrderBy(s => s.StageId))
        {
            DepthOf(stage, stages, depth);
        }

        var boxes = new Dictionary<int, (double X, double Y, double Height)>();
        var columnBottom = new Dictionary<int, double>();
        foreach (var stage in stages.OrderBy(s => depth[s.StageId]).ThenBy(s => s.StageId))
        {
            var column = depth[stage.StageId];
            var y = columnBottom.GetValueOrDefault(column, Margin);
            var height = HeaderHeight + (Lines(stage).Count * LineHeight) + 8;
            boxes[stage.StageId] = (Margin + (column * (BoxWidth + ColumnGap)), y, height);
            columnBottom[column] = y + height + RowGap;
        }

        var width = (Margin * 2) + ((depth.Values.DefaultIfEmpty(0).Max() + 1) * (BoxWidth + ColumnGap)) - ColumnGap;
        var height2 = columnBottom.Values.DefaultIfEmpty(Margin).Max() - RowGap + Margin;
        var svg = new StringBuilder();
        svg.Append("<svg class=\"dag\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height2))
            .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height2)).Append("\" role=\"img\" aria-label=\"Stage DAG\">")
            .Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var stage in stages)
        {
            foreach (var parentId in stage.ParentIds.Where(ids.Contains))
            {
                var (px, py, ph) = boxes[parentId];
                var (cx, cy, ch) = boxes[stage.StageId];
                double x1 = px + BoxWidth, y1 = py + (ph / 2), x2 = cx, y2 = cy + (ch / 2), mid = (x1 + x2) / 2;
                svg.Append("<path class=\"edge\" data-from=\"").Append(parentId).Append("\" data-to=\"").Append(stage.StageId)
                    .Append("\" d=\"M ").Append(N(x1)).Append(' ').Append(N(y1)).Append(" C ").Append(N(mid)).Append(' ').Append(N(y1)).Append(", ")
                    .Append(N(mid)).Append(' ').Append(N(y2)).Append(", ").Append(N(x2)).Append(' ').Append(N(y2))
                    .Append("\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
            }
        }

        foreach (var stage in stages)
        {
            var (x, y, h) = boxes[stage.StageId];
            var (fill, stroke) = Colours(stage.Status);
            svg.Append("<a href=\"/stages/").Append(stage.StageId).Append("\"><g class=\"stage stage-").Append(stage.Status.ToLowerInvariant())
                .Append("\" data-stage-id=\"").Append(stage.StageId).Append("\" data-status=\"").Append(stage.Status).Append("\">")
                .Append("<title>").Append(E(string.Join("\n", stage.Operators))).Append("</title>")
                .Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(BoxWidth).Append("\" height=\"").Append(N(h))
                .Append("\" rx=\"6\" fill=\"").Append(fill).Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"1.5\"/>")
                .Append("<text x=\"").Append(N(x + 10)).Append("\" y=\"").Append(N(y + 17)).Append("\" font-size=\"13\" font-weight=\"bold\" fill=\"#222\">Stage ")
                .Append(stage.StageId).Append(stage.IsShuffleMap ? " · shuffle map" : " · result").Append("</text>")
                .Append("<text x=\"").Append(N(x + 10)).Append("\" y=\"").Append(N(y + 33)).Append("\" font-size=\"11\" fill=\"#444\">")
                .Append(E($"{stage.Status} · {stage.CompletedTasks}/{stage.NumTasks} tasks" + (stage.ActiveTasks > 0 ? $" · {stage.ActiveTasks} running" : "")))
                .Append("</text>");
            var lineY = y + HeaderHeight + 8;
            foreach (var line in Lines(stage))
            {
                svg.Append("<text class=\"operator\" x=\"").Append(N(x + 10)).Append("\" y=\"").Append(N(lineY)).Append("\" font-size=\"11\" fill=\"#222\">")
                    .Append(E(line)).Append("</text>");
                lineY += LineHeight;
            }

            svg.Append("</g></a>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The fill and border of a stage's box: grey pending, blue running, green done, red failed.</summary>
    private static (string Fill, string Stroke) Colours(string status) => status switch
    {
        StageStatus.Running => ("#d9ecf7", "#3a87ad"),
        StageStatus.Complete => ("#dff0d8", "#468847"),
        StageStatus.Failed => ("#f2dede", "#b94a48"),
        StageStatus.Skipped => ("#f7f7f7", "#cccccc"),
        _ => ("#eeeeee", "#999999"),
    };

    /// <summary>The operator lines a box shows: each cut to the box's width, at most <see cref="MaxLines"/> of them (the tooltip has all).</summary>
    private static List<string> Lines(StageSummary stage)
    {
        var lines = stage.Operators.Select(op => op.Length > MaxChars ? op[..(MaxChars - 1)] + "…" : op).ToList();
        if (lines.Count > MaxLines)
        {
            var more = lines.Count - MaxLines + 1;
            lines = [.. lines.Take(MaxLines - 1), $"… {more} more"];
        }

        return lines;
    }

    private static int DepthOf(StageSummary stage, IReadOnlyList<StageSummary> stages, Dictionary<int, int> depth)
    {
        if (depth.TryGetValue(stage.StageId, out var known))
        {
            return known;
        }

        depth[stage.StageId] = 0; // a guard against a cycle, which a stage plan never has
        var parents = stages.Where(s => stage.ParentIds.Contains(s.StageId)).ToList();
        var d = parents.Count == 0 ? 0 : parents.Max(p => DepthOf(p, stages, depth)) + 1;
        depth[stage.StageId] = d;
        return d;
    }
}
