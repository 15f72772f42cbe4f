using System.Text;
using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>The frame every page shares: the nav bar, the stylesheet, and the script that refreshes a live page.</summary>
internal static class Layout
{
    /// <summary>The nav bar's tabs.</summary>
    public enum Tab
    {
        Jobs,
        Stages,
        Executors,
    }

    private const string Style = """
        body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;font-size:14px;margin:0;color:#222;background:#fff}
        nav{background:#f5f5f5;border-bottom:1px solid #ddd;padding:0 16px;display:flex;align-items:center;height:44px}
        nav .brand{font-weight:600;font-size:17px;color:#e25a1c;margin-right:24px;text-decoration:none}
        nav a.tab{color:#555;text-decoration:none;padding:12px 14px}
        nav a.tab.active{color:#000;background:#e5e5e5}
        nav .app{margin-left:auto;color:#777;font-size:12px}
        main{padding:8px 20px 40px}
        h1{font-size:22px;font-weight:500;margin:14px 0}
        h2{font-size:17px;font-weight:500;margin:22px 0 8px}
        a{color:#0b62a4}
        table{border-collapse:collapse;width:100%;margin:6px 0 12px}
        th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f3f3f3;font-weight:600}
        tr:nth-child(even) td{background:#fafafa}
        td.num,th.num{text-align:right;white-space:nowrap}
        dl.summary{display:grid;grid-template-columns:max-content auto;gap:3px 14px;margin:8px 0}
        dl.summary dt{font-weight:600}
        dl.summary dd{margin:0}
        .status{font-weight:600;font-size:12px;padding:1px 6px;border-radius:3px;color:#fff}
        .status-running{background:#3a87ad}.status-succeeded,.status-success,.status-complete{background:#468847}
        .status-failed{background:#b94a48}.status-pending{background:#999}.status-skipped{background:#bbb}
        .progress{position:relative;height:18px;min-width:140px;background:#f0f0f0;border:1px solid #ccc;border-radius:3px;overflow:hidden}
        .progress .bar-done{float:left;height:100%;background:#a0dfff}
        .progress .bar-running{float:left;height:100%;background:#ffdf80}
        .progress-text{position:absolute;left:0;right:0;text-align:center;font-size:12px;line-height:18px}
        pre,code{font-family:Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12px}
        pre.plan{background:#f8f8f8;border:1px solid #ddd;padding:10px;overflow:auto}
        .error{color:#b94a48;white-space:pre-wrap}
        .note{color:#666;font-size:12px}
        svg text{font-family:Menlo,Consolas,"DejaVu Sans Mono",monospace}
        ol.operators{margin:4px 0 8px;padding-left:28px}
        .operator-rows{color:#555;font-size:12px;margin-left:8px}
        """;

    /// <summary>
    /// Replaces the page's body with a fresh copy every second while the body says it is live, so a running job's page
    /// follows it to its end without a reload that would lose the scroll position.
    /// </summary>
    private const string LiveScript = """
        (function(){function tick(){fetch(location.href,{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){
        var d=new DOMParser().parseFromString(t,"text/html");document.body.replaceWith(d.body);
        if(document.body.dataset.live==="true"){setTimeout(tick,1000)}}).catch(function(){setTimeout(tick,2000)})}
        if(document.body.dataset.live==="true"){setTimeout(tick,1000)}})();
        """;

    public static string Page(string title, Tab? tab, bool live, string body)
    {
        var html = new StringBuilder(body.Length + 4096);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" - Linq.Spark UI</title><style>").Append(Style).Append("</style></head>")
            .Append("<body data-live=\"").Append(live ? "true" : "false").Append("\"><nav><a class=\"brand\" href=\"/jobs\">Linq.Spark</a>");
        foreach (var (name, href, which) in new[] { ("Jobs", "/jobs", Tab.Jobs), ("Stages", "/stages", Tab.Stages), ("Executors", "/executors", Tab.Executors) })
        {
            html.Append("<a class=\"tab").Append(tab == which ? " active" : "").Append("\" href=\"").Append(href).Append("\">").Append(name).Append("</a>");
        }

        html.Append("<span class=\"app\">").Append(live ? "live: refreshes every second" : "").Append("</span></nav><main>")
            .Append(body)
            .Append("</main><script>").Append(LiveScript).Append("</script></body></html>");
        return html.ToString();
    }
}
