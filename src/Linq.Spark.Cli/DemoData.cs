namespace Linq.Spark.Cli;

/// <summary>Deterministic built-in data for the demo: sales rows and a product catalogue.</summary>
internal static class DemoData
{
    private static readonly string[] Regions = ["EMEA", "AMER", "APAC", "LATAM", "ANZ"];
    private static readonly string[] Categories = ["Books", "Games", "Garden", "Kitchen", "Music", "Tools", "Toys"];

    public static Product[] Products(int count = 500) =>
        [.. Enumerable.Range(0, count).Select(i => new Product(i, $"Product {i:D3}", Categories[i % Categories.Length]))];

    public static Sale[] Sales(int rows, int products = 500)
    {
        var random = new Random(20261124);
        var start = new DateOnly(2023, 1, 1);
        var sales = new Sale[rows];
        for (var i = 0; i < rows; i++)
        {
            // Skewed regions and products, as real sales are: a few sell most.
            var region = Regions[Math.Min(Regions.Length - 1, (int)(-Math.Log(1 - random.NextDouble()) * 1.3))];
            var product = (int)(products * Math.Pow(random.NextDouble(), 2));
            sales[i] = new Sale(i, product, region, 1 + random.Next(10), Math.Round(1 + (random.NextDouble() * 99), 2), start.AddDays(random.Next(730)));
        }

        return sales;
    }
}
