namespace Linq.Spark.UI.Status;

/// <summary>How a task's exception is shown: its type and message, then those of its inner exceptions.</summary>
internal static class ErrorText
{
    public static string Of(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            text += $" ---> {inner.GetType().Name}: {inner.Message}";
        }

        return text;
    }
}
