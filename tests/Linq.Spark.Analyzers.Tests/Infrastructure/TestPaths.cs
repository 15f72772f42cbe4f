namespace Linq.Spark.Analyzers.Tests;

/// <summary>Finds files of the repository from the test output directory.</summary>
internal static class TestPaths
{
    /// <summary>The directory holding Linq.Spark.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Linq.Spark.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Linq.Spark.sln not found above the test output directory.");
    }
}
