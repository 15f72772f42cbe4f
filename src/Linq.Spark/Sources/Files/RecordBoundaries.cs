using System.Buffers;

namespace Linq.Spark.Sources.Files;

/// <summary>
/// Cuts a text file into splits that start at record starts: after a line feed that is not inside a quoted field (for
/// CSV, where a quoted field may hold line feeds) or after any line feed (JSON lines). One pass over the file's bytes
/// on the driver, only for files larger than a split; it also counts lines, so every split knows its first line number.
/// </summary>
internal static class RecordBoundaries
{
    private const int BufferSize = 1 << 20;

    /// <summary>The splits of <paramref name="file"/>, each about <paramref name="splitBytes"/> long.</summary>
    public static IEnumerable<FileSplit> Split(DataFile file, long splitBytes, bool quotedFields)
    {
        if (file.Length <= splitBytes)
        {
            return [new FileSplit(file, 0, file.Length, 1)];
        }

        var splits = new List<FileSplit>();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            long start = 0, startLine = 1, line = 1, position = 0;
            var inQuotes = false;
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                for (var i = 0; i < span.Length;)
                {
                    var next = quotedFields ? span[i..].IndexOfAny((byte)'"', (byte)'\n') : span[i..].IndexOf((byte)'\n');
                    if (next < 0)
                    {
                        break;
                    }

                    i += next;
                    if (span[i] == (byte)'"')
                    {
                        inQuotes = !inQuotes;
                    }
                    else
                    {
                        line++;
                        var recordStart = position + i + 1;
                        if (!inQuotes && recordStart - start >= splitBytes && recordStart < file.Length)
                        {
                            splits.Add(new FileSplit(file, start, recordStart - start, startLine));
                            start = recordStart;
                            startLine = line;
                        }
                    }

                    i++;
                }

                position += read;
            }

            splits.Add(new FileSplit(file, start, file.Length - start, startLine));
            return splits;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
