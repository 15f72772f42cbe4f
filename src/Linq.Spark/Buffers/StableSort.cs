namespace Linq.Spark.Buffers;

/// <summary>A stable merge sort: equal rows keep their input order, as LINQ's OrderBy promises.</summary>
internal static class StableSort
{
    public static void Sort<T>(T[] items, int count, Comparison<T> comparison)
    {
        if (count < 2)
        {
            return;
        }

        var buffer = new T[count];
        SortRange(items, buffer, 0, count, comparison);
    }

    private static void SortRange<T>(T[] items, T[] buffer, int start, int end, Comparison<T> comparison)
    {
        var length = end - start;
        if (length <= 16)
        {
            for (var i = start + 1; i < end; i++)
            {
                var item = items[i];
                var j = i - 1;
                while (j >= start && comparison(items[j], item) > 0)
                {
                    items[j + 1] = items[j];
                    j--;
                }

                items[j + 1] = item;
            }

            return;
        }

        var middle = start + (length / 2);
        SortRange(items, buffer, start, middle, comparison);
        SortRange(items, buffer, middle, end, comparison);
        if (comparison(items[middle - 1], items[middle]) <= 0)
        {
            return;
        }

        Array.Copy(items, start, buffer, start, length);
        int left = start, right = middle, target = start;
        while (left < middle && right < end)
        {
            items[target++] = comparison(buffer[right], buffer[left]) < 0 ? buffer[right++] : buffer[left++];
        }

        while (left < middle)
        {
            items[target++] = buffer[left++];
        }

        while (right < end)
        {
            items[target++] = buffer[right++];
        }
    }
}
