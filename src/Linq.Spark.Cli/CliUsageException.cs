namespace Linq.Spark.Cli;

/// <summary>Bad arguments or bad input data: reported as one line on stderr with exit code 2, never as a stack trace.</summary>
internal sealed class CliUsageException(string message, Exception? inner = null) : Exception(message, inner);
