namespace Linq.Spark.Analyzers.Tests;

public sealed class CapturedCollectionCodeFixTests
{
    [Fact]
    public Task ContainsOnList_becomesBroadcastJoinOverDistinctValues() => CodeFixVerifier<CapturedCollectionAnalyzer, CapturedCollectionCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, List<int> ids) =>
                s.Parallelize(data).Where(o => {|LQS007:ids|}.Contains(o.Id)).Select(o => o.Amount).ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data, List<int> ids) =>
                s.Parallelize(data).Join(s.Parallelize(ids.Distinct()).Broadcast(), o => o.Id, key => key, (o, key) => o).Select(o => o.Amount).ToList();
        }
        """);

    [Fact]
    public Task ContainsOnHashSet_becomesBroadcastJoin() => CodeFixVerifier<CapturedCollectionAnalyzer, CapturedCollectionCodeFix>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, HashSet<string> vips) =>
                s.Parallelize(data).Where(key => {|LQS007:vips|}.Contains(key.Customer)).ToList();
        }
        """, """
        class C
        {
            object M(SparkSession s, Order[] data, HashSet<string> vips) =>
                s.Parallelize(data).Join(s.Parallelize(vips).Broadcast(), key => key.Customer, key_ => key_, (key, key_) => key).ToList();
        }
        """);

    [Fact]
    public Task OtherUses_offerNoFix() => CodeFixVerifier<CapturedCollectionAnalyzer, CapturedCollectionCodeFix>.VerifyNoFixAsync("""
        class C
        {
            object M(SparkSession s, Order[] data, List<int> ids, Dictionary<string, int> ranks) =>
                (s.Parallelize(data).Where(o => o.Paid && {|LQS007:ids|}.Contains(o.Id)).ToList(),
                 s.Parallelize(data).Select(o => {|LQS007:ranks|}[o.Customer]).ToList());
        }
        """);
}
