namespace Linq.Spark.Tests;

/// <summary>A row of every kind of member file tests read and write: texts that need quoting, money, dates, times, nulls.</summary>
public sealed record FileRow(int Id, string? Text, long Big, double Ratio, decimal Price, DateOnly Day, DateTime At, bool Flag, Kind Kind, int? Maybe)
{
    private static readonly string?[] Texts = ["plain", "", null, "a,b", "say \"hi\"", "two\nlines", "ü ñ 漢字", " padded ", "semi;colon", "x"];

    /// <summary>The first <paramref name="count"/> rows of a fixed sequence that cycles through every awkward text.</summary>
    public static List<FileRow> Create(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new FileRow(
            i,
            Texts[i % Texts.Length],
            i % 13 == 0 ? 5_000_000_000L + i : i * 37L - 900,
            (i % 17 - 8) * 0.25 + (i % 5 == 0 ? 1e-5 : 0),
            Math.Round((i % 301 - 150) * 1.37m, 2),
            new DateOnly(2024, 1, 1).AddDays(i % 400),
            new DateTime(2024, 1, 1, 8, 0, 0).AddMinutes(i * 17),
            i % 3 == 0,
            (Kind)(i % 4),
            i % 6 == 0 ? null : i % 9 - 4))];
}
