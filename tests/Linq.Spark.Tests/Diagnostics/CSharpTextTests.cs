using Linq.Spark.Internal;

namespace Linq.Spark.Tests;

/// <summary>Plans speak the user's language: what <see cref="CSharpText"/> makes of printed expression trees, and Explain of queries that make the compiler invent names.</summary>
public sealed class CSharpTextTests
{
    [Theory]
    [InlineData("new <>f__AnonymousType1`2(ReturnFlag = l.ReturnFlag, LineStatus = l.LineStatus)", "new { l.ReturnFlag, l.LineStatus }")]
    [InlineData("new <>f__AnonymousType3`2(Key = g.Key, Total = g.Sum(x => x.A))", "new { g.Key, Total = g.Sum(x => x.A) }")]
    [InlineData("new <>f__AnonymousType4`1(Nation = row.Item1)", "new { Nation = row.Item1 }")]
    [InlineData("<>h__TransparentIdentifier1.<>h__TransparentIdentifier0.x.Supplier.Name", "x.Supplier.Name")]
    [InlineData("<>h__TransparentIdentifier0 => <>h__TransparentIdentifier0.p.Size", "t0 => p.Size")]
    [InlineData("new ValueTuple`2(x.Key, new <>f__AnonymousType9`1(Id = x.Id))", "(x.Key, new { x.Id })")]
    [InlineData("((Convert(l.ReturnFlag, Int32) == 82) AndAlso (Convert(x.N, Nullable`1) != null))", "(((int)l.ReturnFlag == 82) && ((Nullable<…>)x.N != null))")]
    [InlineData("g.Sum(x => IIF(x.Promo, x.Revenue, 0))", "g.Sum(x => (x.Promo ? x.Revenue : 0))")]
    [InlineData("(((a OrElse b) And c) Or (x.Name == \" AndAlso \"))", "(((a || b) & c) | (x.Name == \" AndAlso \"))")]
    [InlineData("Filter (x.Name == \"a, b) new ValueTuple`2(\")", "Filter (x.Name == \"a, b) new ValueTuple`2(\")")]
    [InlineData("MyConvert(x, Int32) + x.Convert(y, Int64)", "MyConvert(x, Int32) + x.Convert(y, Int64)")]
    [InlineData("Sort [x.Key ASC]", "Sort [x.Key ASC]")]
    [InlineData("Convert(x, Object).ToString()", "((object)x).ToString()")]
    [InlineData("(x.S == \"Convert(a, B) <>h__TransparentIdentifier0.y\")", "(x.S == \"Convert(a, B) <>h__TransparentIdentifier0.y\")")]
    public void Readable_writesCompilerConstructsAsCSharp(string printed, string expected) =>
        Assert.Equal(expected, CSharpText.Readable(printed));

    [Fact]
    public void Explain_ofQuerySyntaxWithLetJoinAndAnonymousTypes_namesOnlyWhatTheUserWrote()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var rows = session.Parallelize(TestData.Rows, 2);
        var dims = session.Parallelize(TestData.Dims, 2);

        var query =
            from x in rows
            let doubled = x.A * 2
            join d in dims on x.Key equals d.Key
            where doubled > 10 && x.Kind != Kind.Alpha
            group new { x.Id, doubled } by new { x.Key, d.Region } into g
            select new { g.Key.Key, g.Key.Region, Total = g.Sum(e => e.doubled) };
        var plan = query.Explain();

        Assert.DoesNotContain("<>", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("`", plan, StringComparison.Ordinal);
        Assert.True(plan.Contains("Project new { x, doubled = (x.A * 2) }", StringComparison.Ordinal), plan);
        Assert.True(plan.Contains("HashAggregate(keys=[new { Key = ", StringComparison.Ordinal), plan);
    }
}
