namespace Linq.Spark.Sources.Files;

/// <summary>
/// The driver's side of a write, as Spark's FileOutputCommitter: tasks write into a job folder under
/// <c>destination/_temporary</c>; when every task has succeeded the job moves their files into the destination and
/// writes <c>_SUCCESS</c>; a failed or cancelled job deletes the job folder, leaving the destination as it was.
/// </summary>
internal sealed class FileCommitter
{
    private const string Temporary = "_temporary";
    private readonly string _writer;
    private readonly bool _createdDestination;

    private FileCommitter(string writer, string destination, WriteMode mode)
    {
        _writer = writer;
        Destination = destination;
        Mode = mode;
        _createdDestination = !Directory.Exists(destination);
        JobFolder = Path.Combine(destination, Temporary, Guid.NewGuid().ToString("N"));
    }

    /// <summary>The destination folder, as a full path.</summary>
    public string Destination { get; }

    /// <summary>The folder this job's tasks write into.</summary>
    public string JobFolder { get; }

    private WriteMode Mode { get; }

    /// <summary>A committer for a write to <paramref name="path"/>, or null when the mode is Ignore and the destination exists.</summary>
    public static FileCommitter? Begin(string writer, string path, WriteMode mode)
    {
        var destination = Path.GetFullPath(path);
        if (File.Exists(destination))
        {
            throw new IOException($"{writer}: {path} is a file; a write's destination is a folder, one file per partition.");
        }

        var exists = Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any(e => Path.GetFileName(e) != Temporary);
        switch (mode)
        {
            case WriteMode.ErrorIfExists when exists:
                throw new IOException($"{writer}: {path} already exists; pass WriteMode.Overwrite, Append or Ignore to write there anyway.");
            case WriteMode.Ignore when exists:
                return null;
            case < WriteMode.ErrorIfExists or > WriteMode.Ignore:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{writer}: not a WriteMode.");
        }

        return new FileCommitter(writer, destination, mode);
    }

    /// <summary>Moves the tasks' files into the destination (after deleting its old files, for Overwrite) and writes _SUCCESS.</summary>
    public void Commit(IReadOnlyList<WrittenFile> files)
    {
        if (Mode == WriteMode.Overwrite)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(Destination).Where(e => Path.GetFileName(e) != Temporary).ToList())
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        var job = Path.GetFileName(JobFolder)[..8];
        foreach (var file in files.OrderBy(f => f.Partition).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            // A partitioned write's files keep their key=value folders.
            var relative = Path.GetRelativePath(JobFolder, file.Path);
            if (Mode == WriteMode.Append)
            {
                var name = Path.GetFileName(relative);
                relative = Path.Combine(Path.GetDirectoryName(relative) ?? "", $"{Path.GetFileNameWithoutExtension(name)}-{job}{Path.GetExtension(name)}");
            }

            var target = Path.Combine(Destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file.Path, target, overwrite: false);
        }

        File.WriteAllBytes(Path.Combine(Destination, "_SUCCESS"), []);
        RemoveJobFolder();
    }

    /// <summary>Deletes what the job wrote; the destination is left as it was (removed again if the write created it).</summary>
    public void Abort()
    {
        RemoveJobFolder();
        if (_createdDestination && Directory.Exists(Destination) && !Directory.EnumerateFileSystemEntries(Destination).Any())
        {
            Directory.Delete(Destination);
        }
    }

    private void RemoveJobFolder()
    {
        if (Directory.Exists(JobFolder))
        {
            Directory.Delete(JobFolder, recursive: true);
        }

        var temporary = Path.Combine(Destination, Temporary);
        if (Directory.Exists(temporary) && !Directory.EnumerateFileSystemEntries(temporary).Any())
        {
            Directory.Delete(temporary);
        }
    }

    /// <summary>The writer's name, for messages.</summary>
    public override string ToString() => $"{_writer} to {Destination}";
}
