namespace Linq.Spark.UI.Status;

/// <summary>The process's memory as the Executors page shows it: working set, managed heap, and bytes allocated so far.</summary>
internal sealed record ProcessMemory(long WorkingSetBytes, long GcHeapSizeBytes, long TotalAllocatedBytes)
{
    public static ProcessMemory Now()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new ProcessMemory(process.WorkingSet64, GC.GetGCMemoryInfo().HeapSizeBytes, GC.GetTotalAllocatedBytes());
    }
}
