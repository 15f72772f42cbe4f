namespace Linq.Spark.Tests;

/// <summary>A fresh folder under the system temp directory, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempFolder() => Directory.CreateDirectory(Path);

    /// <summary>The folder's full path.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "linq-spark-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A path inside the folder.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to a file inside the folder (creating its folders) and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = this[name];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
