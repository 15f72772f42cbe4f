namespace Linq.Spark.Tpch.Tests;

/// <summary>Row counts, determinism, key relationships and value domains of the generated data.</summary>
[Collection(TpchCollection.Name)]
public sealed class TpchGeneratorTests(TpchFixture fixture)
{
    private static readonly DateOnly CurrentDate = new(1995, 6, 17);

    [Fact]
    public void Generate_at_SF_0_01_has_the_specification_row_counts()
    {
        var data = fixture.Data;

        Assert.Equal(5, data.Region.Length);
        Assert.Equal(25, data.Nation.Length);
        Assert.Equal(100, data.Supplier.Length);
        Assert.Equal(1_500, data.Customer.Length);
        Assert.Equal(2_000, data.Part.Length);
        Assert.Equal(8_000, data.PartSupp.Length);
        Assert.Equal(15_000, data.Orders.Length);

        // One to seven lines per order, four on average: about 60,012 at SF 0.01 in dbgen.
        Assert.InRange(data.LineItem.Length, 58_500, 61_500);
    }

    [Theory]
    [InlineData(1, 150_000, 200_000, 10_000, 1_500_000)]
    [InlineData(0.1, 15_000, 20_000, 1_000, 150_000)]
    [InlineData(10, 1_500_000, 2_000_000, 100_000, 15_000_000)]
    public void Counts_scale_linearly_with_the_scale_factor(double scaleFactor, int customers, int parts, int suppliers, int orders)
    {
        var generator = new TpchGenerator(scaleFactor);

        Assert.Equal(customers, generator.CustomerCount);
        Assert.Equal(parts, generator.PartCount);
        Assert.Equal(parts * 4, generator.PartSuppCount);
        Assert.Equal(suppliers, generator.SupplierCount);
        Assert.Equal(orders, generator.OrderCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(301)]
    public void Constructor_rejects_a_scale_factor_that_is_not_positive_or_too_large(double scaleFactor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpchGenerator(scaleFactor));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void MaxDegreeOfParallelism_rejects_zero_and_negative_values_other_than_minus_one(int degree)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpchGenerator(0.01) { MaxDegreeOfParallelism = degree });
    }

    [Fact]
    public void Generate_twice_with_the_same_seed_gives_identical_data()
    {
        var again = new TpchGenerator(TpchFixture.ScaleFactor).Generate();

        AssertSameData(fixture.Data, again);
    }

    [Fact]
    public void Generate_with_one_thread_and_with_many_gives_identical_data()
    {
        // SF 0.05 cuts every large table into several chunks, so the threads really do interleave.
        var serial = new TpchGenerator(0.05) { MaxDegreeOfParallelism = 1 }.Generate();
        var parallel = new TpchGenerator(0.05) { MaxDegreeOfParallelism = 8 }.Generate();

        AssertSameData(serial, parallel);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void GenerateInPieces_concatenated_gives_the_same_data(int pieces)
    {
        var whole = new TpchGenerator(0.05).Generate();
        var parts = new TpchGenerator(0.05).GenerateInPieces(pieces).ToList();

        Assert.Equal(Math.Min(pieces, (whole.Orders.Length + 2047) / 2048), parts.Count);
        Assert.All(parts.Skip(1), p => Assert.Empty(p.Customer));
        var joined = new TpchData(
            parts[0].Region, parts[0].Nation, parts[0].Supplier, parts[0].Customer, parts[0].Part, parts[0].PartSupp,
            [.. parts.SelectMany(p => p.Orders)], [.. parts.SelectMany(p => p.LineItem)]);
        AssertSameData(whole, joined);
    }

    [Fact]
    public void Generate_with_another_seed_gives_other_data()
    {
        var other = new TpchGenerator(TpchFixture.ScaleFactor, seed: 7).Generate();

        Assert.NotEqual(fixture.Data.LineItem.Take(100), other.LineItem.Take(100));
        Assert.NotEqual(fixture.Data.Customer.Take(100), other.Customer.Take(100));
    }

    [Fact]
    public void Keys_are_unique_and_references_resolve()
    {
        var data = fixture.Data;
        var partSupp = data.PartSupp.Select(ps => (ps.PartKey, ps.SuppKey)).ToHashSet();
        var orderKeys = data.Orders.Select(o => o.OrderKey).ToHashSet();

        Assert.Equal(data.Orders.Length, orderKeys.Count);
        Assert.Equal(data.PartSupp.Length, partSupp.Count);
        Assert.All(data.PartSupp.GroupBy(ps => ps.PartKey), g => Assert.Equal(4, g.Count()));
        Assert.All(data.LineItem, l => Assert.Contains((l.PartKey, l.SuppKey), partSupp));
        Assert.All(data.LineItem, l => Assert.Contains(l.OrderKey, orderKeys));
        Assert.All(data.Orders, o => Assert.InRange(o.CustKey, 1, data.Customer.Length));
        Assert.All(data.Supplier, s => Assert.InRange(s.NationKey, 0, 24));
        Assert.All(data.Customer, c => Assert.InRange(c.NationKey, 0, 24));
        Assert.Equal(Enumerable.Range(1, data.Part.Length), data.Part.Select(p => p.PartKey));
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.0001)]
    [InlineData(0.37)]
    public void Every_part_has_four_distinct_suppliers_at_any_scale_factor(double scaleFactor)
    {
        var generator = new TpchGenerator(scaleFactor);

        Assert.All(Enumerable.Range(1, generator.PartCount), partKey =>
        {
            int[] suppliers = [.. Enumerable.Range(0, 4).Select(i => generator.SupplierOfPart(partKey, i))];
            Assert.Equal(4, suppliers.Distinct().Count());
            Assert.All(suppliers, s => Assert.InRange(s, 1, generator.SupplierCount));
        });
    }

    [Fact]
    public void Generate_at_a_tiny_scale_factor_keeps_the_key_relationships()
    {
        var data = new TpchGenerator(0.001).Generate();
        var partSupp = data.PartSupp.Select(ps => (ps.PartKey, ps.SuppKey)).ToHashSet();

        Assert.Equal(data.PartSupp.Length, partSupp.Count);
        Assert.All(data.LineItem, l => Assert.Contains((l.PartKey, l.SuppKey), partSupp));
    }

    [Fact]
    public void Order_keys_are_sparse_like_dbgen()
    {
        // The first 8 of every 32 keys are used: 1..8, 33..40, 65..72, …
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 33, 34], fixture.Data.Orders.Take(10).Select(o => o.OrderKey));
        Assert.All(fixture.Data.Orders, o => Assert.InRange((o.OrderKey - 1) % 32, 0, 7));
    }

    [Fact]
    public void Customers_whose_key_is_a_multiple_of_three_place_no_orders()
    {
        Assert.DoesNotContain(fixture.Data.Orders, o => o.CustKey % 3 == 0);

        // …so about a third of the customers have no orders at all, which Q13 and Q22 count.
        int withOrders = fixture.Data.Orders.Select(o => o.CustKey).Distinct().Count();
        Assert.InRange(withOrders, 900, 1_000);
    }

    [Fact]
    public void Line_dates_flags_and_prices_follow_the_specification()
    {
        var data = fixture.Data;
        var orders = data.Orders.ToDictionary(o => o.OrderKey);
        var parts = data.Part.ToDictionary(p => p.PartKey);
        Assert.All(data.LineItem, l =>
        {
            var orderDate = orders[l.OrderKey].OrderDate;
            Assert.InRange(l.ShipDate.DayNumber - orderDate.DayNumber, 1, 121);
            Assert.InRange(l.CommitDate.DayNumber - orderDate.DayNumber, 30, 90);
            Assert.InRange(l.ReceiptDate.DayNumber - l.ShipDate.DayNumber, 1, 30);
            Assert.Equal(l.ReceiptDate <= CurrentDate, l.ReturnFlag is 'R' or 'A');
            Assert.Equal(l.ReceiptDate > CurrentDate, l.ReturnFlag == 'N');
            Assert.Equal(l.ShipDate > CurrentDate ? 'O' : 'F', l.LineStatus);
            Assert.InRange(l.Quantity, 1, 50);
            Assert.InRange(l.Discount, 0, 0.10);
            Assert.InRange(l.Tax, 0, 0.08);
            Assert.Equal(Math.Round(l.Quantity * parts[l.PartKey].RetailPrice, 2), l.ExtendedPrice, 6);
        });
        Assert.All(data.Orders, o => Assert.InRange(o.OrderDate, new DateOnly(1992, 1, 1), new DateOnly(1998, 8, 2)));
        Assert.Contains(data.LineItem, l => l.ReturnFlag == 'R');
        Assert.Contains(data.LineItem, l => l.ReturnFlag == 'A');
        Assert.Contains(data.LineItem, l => l.ReturnFlag == 'N');
    }

    [Fact]
    public void Order_status_and_total_price_derive_from_the_lines()
    {
        var lines = fixture.Data.LineItem.ToLookup(l => l.OrderKey);
        Assert.All(fixture.Data.Orders, o =>
        {
            var orderLines = lines[o.OrderKey].ToList();
            Assert.InRange(orderLines.Count, 1, 7);
            Assert.Equal(Enumerable.Range(1, orderLines.Count), orderLines.Select(l => l.LineNumber));
            char expectedStatus = orderLines.All(l => l.LineStatus == 'F') ? 'F'
                : orderLines.All(l => l.LineStatus == 'O') ? 'O'
                : 'P';
            Assert.Equal(expectedStatus, o.OrderStatus);
            double total = orderLines.Sum(l => l.ExtendedPrice * (1 - l.Discount) * (1 + l.Tax));

            // dbgen truncates each line's charge to cents twice (after discount, after tax): up to 2.08 cents short a line.
            Assert.InRange(o.TotalPrice, total - (0.0209 * orderLines.Count), total + 0.005);
        });
        Assert.Contains(fixture.Data.Orders, o => o.OrderStatus == 'P');
    }

    [Fact]
    public void Parts_follow_the_specification_domains()
    {
        Assert.All(fixture.Data.Part, p =>
        {
            Assert.Equal(
                (90_000 + ((p.PartKey / 10) % 20_001) + (100 * (p.PartKey % 1_000))) / 100.0,
                p.RetailPrice);
            Assert.Matches(@"^Manufacturer#[1-5]$", p.Mfgr);
            Assert.Equal("Brand#" + p.Mfgr[^1], p.Brand[..^1]);
            Assert.Matches("^(STANDARD|SMALL|MEDIUM|LARGE|ECONOMY|PROMO) (ANODIZED|BURNISHED|PLATED|POLISHED|BRUSHED) (TIN|NICKEL|BRASS|STEEL|COPPER)$", p.Type);
            Assert.Matches("^(SM|LG|MED|JUMBO|WRAP) (CASE|BOX|BAG|JAR|PKG|PACK|CAN|DRUM)$", p.Container);
            Assert.InRange(p.Size, 1, 50);
            var words = p.Name.Split(' ');
            Assert.Equal(5, words.Length);
            Assert.Equal(5, words.Distinct().Count());
        });
        Assert.Contains(fixture.Data.Part, p => p.Name.Contains("green", StringComparison.Ordinal));
        Assert.Contains(fixture.Data.Part, p => p.Name.StartsWith("forest", StringComparison.Ordinal));
    }

    [Fact]
    public void Phones_encode_the_nation_and_comments_hold_the_probed_phrases()
    {
        Assert.All(fixture.Data.Customer, c =>
        {
            Assert.Matches(@"^\d\d-\d\d\d-\d\d\d-\d\d\d\d$", c.Phone);
            Assert.Equal((c.NationKey + 10).ToString(System.Globalization.CultureInfo.InvariantCulture), c.Phone[..2]);
        });
        Assert.Contains(fixture.Data.Supplier, s => s.Comment.Contains("Customer", StringComparison.Ordinal) && s.Comment.Contains("Complaints", StringComparison.Ordinal));
        Assert.Contains(fixture.Data.Supplier, s => s.Comment.Contains("Customer", StringComparison.Ordinal) && s.Comment.Contains("Recommends", StringComparison.Ordinal));

        int specialRequests = fixture.Data.Orders.Count(o =>
        {
            int special = o.Comment.IndexOf("special", StringComparison.Ordinal);
            return special >= 0 && o.Comment.IndexOf("requests", special, StringComparison.Ordinal) > special;
        });
        Assert.InRange(specialRequests, 15, 1_500);
    }

    private static void AssertSameData(TpchData expected, TpchData actual)
    {
        Assert.Equal(expected.Region, actual.Region);
        Assert.Equal(expected.Nation, actual.Nation);
        Assert.Equal(expected.Supplier, actual.Supplier);
        Assert.Equal(expected.Customer, actual.Customer);
        Assert.Equal(expected.Part, actual.Part);
        Assert.Equal(expected.PartSupp, actual.PartSupp);
        Assert.Equal(expected.Orders, actual.Orders);
        Assert.Equal(expected.LineItem, actual.LineItem);
    }
}
