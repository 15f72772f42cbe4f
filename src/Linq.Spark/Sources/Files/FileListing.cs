namespace Linq.Spark.Sources.Files;

/// <summary>
/// Finds the files a read names, as Spark's file index does: a file; a directory (every data file under it, skipping
/// names that start with "_" or ".", such as _SUCCESS and hidden files); or a glob with * and ? in its last part.
/// Folders named key=value below the directory (or the glob's folder) give their files partition values, as Hive lays
/// out partitioned tables.
/// </summary>
internal static class FileListing
{
    /// <summary>The files, sorted by path, so a read sees them in the same order on every run.</summary>
    public static IReadOnlyList<DataFile> Find(string path, string reader)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return [new DataFile(full, new FileInfo(full).Length, [])];
        }

        if (Directory.Exists(full))
        {
            return Under(full, "*", reader, path);
        }

        var folder = Path.GetDirectoryName(full);
        var pattern = Path.GetFileName(full);
        if (folder is not null && pattern.AsSpan().IndexOfAny('*', '?') >= 0 && Directory.Exists(folder))
        {
            return Under(folder, pattern, reader, path);
        }

        throw new FileNotFoundException($"{reader}: no file or directory at {path}.", path);
    }

    private static IReadOnlyList<DataFile> Under(string root, string pattern, string reader, string path)
    {
        var files = new List<DataFile>();
        Walk(root, []);
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"{reader}: {path} matches no data file.", path);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;

        void Walk(string folder, List<KeyValuePair<string, string>> partitionValues)
        {
            foreach (var file in Directory.EnumerateFiles(folder, pattern))
            {
                if (!IsHidden(file))
                {
                    files.Add(new DataFile(file, new FileInfo(file).Length, [.. partitionValues]));
                }
            }

            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                var name = Path.GetFileName(sub);
                if (IsHidden(sub))
                {
                    continue;
                }

                var equals = name.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    Walk(sub, [.. partitionValues, new(name[..equals], Uri.UnescapeDataString(name[(equals + 1)..]))]);
                }
                else if (pattern == "*")
                {
                    Walk(sub, partitionValues);
                }
            }
        }
    }

    private static bool IsHidden(string path) => Path.GetFileName(path) is var name && (name.StartsWith('_') || name.StartsWith('.'));
}
