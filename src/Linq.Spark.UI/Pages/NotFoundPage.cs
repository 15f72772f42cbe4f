using static Linq.Spark.UI.Pages.Format;

namespace Linq.Spark.UI.Pages;

/// <summary>The page for a job, stage or address the UI does not know.</summary>
internal static class NotFoundPage
{
    public static string Render(string message) =>
        Layout.Page("Not found", tab: null, live: false, $"<h1>Not found</h1><p class=\"error\" id=\"not-found\">{E(message)}</p><p><a href=\"/jobs\">Back to the jobs</a></p>");
}
