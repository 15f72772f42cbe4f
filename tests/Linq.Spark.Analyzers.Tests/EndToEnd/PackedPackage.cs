using System.IO.Compression;

namespace Linq.Spark.Analyzers.Tests.EndToEnd;

/// <summary>The Linq.Spark .nupkg, packed once for all the package tests into a folder of its own.</summary>
public sealed class PackedPackage : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("linq-spark-pack-");

    /// <summary>Packs src/Linq.Spark in Release; throws with the pack output when that fails.</summary>
    public PackedPackage()
    {
        var project = Path.Combine(TestPaths.RepositoryRoot(), "src", "Linq.Spark", "Linq.Spark.csproj");
        var (exitCode, output) = Commands.Run(
            "dotnet", ["pack", project, "-c", "Release", "-o", folder.FullName, "-m:1", "-nologo", "-v", "q"], folder.FullName);
        var packages = folder.GetFiles("Linq.Spark.*.nupkg").Where(file => !file.Name.EndsWith(".symbols.nupkg", StringComparison.Ordinal)).ToArray();
        if (exitCode != 0 || packages.Length != 1)
        {
            throw new InvalidOperationException($"dotnet pack failed (exit code {exitCode}):\n{output}");
        }

        NupkgPath = packages[0].FullName;
        Version = packages[0].Name["Linq.Spark.".Length..^".nupkg".Length];
        using var zip = ZipFile.OpenRead(NupkgPath);
        Entries = zip.Entries.Select(entry => entry.FullName).ToArray();
    }

    /// <summary>The .nupkg file.</summary>
    public string NupkgPath { get; }

    /// <summary>The folder the .nupkg is in, usable as a local package source.</summary>
    public string Folder => folder.FullName;

    /// <summary>The package version, as in the file name.</summary>
    public string Version { get; }

    /// <summary>The paths of the files inside the package.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The text of one file inside the package.</summary>
    public string ReadEntry(string entryPath)
    {
        using var zip = ZipFile.OpenRead(NupkgPath);
        using var reader = new StreamReader(zip.GetEntry(entryPath)!.Open());
        return reader.ReadToEnd();
    }

    /// <inheritdoc />
    public void Dispose() => folder.Delete(recursive: true);
}
