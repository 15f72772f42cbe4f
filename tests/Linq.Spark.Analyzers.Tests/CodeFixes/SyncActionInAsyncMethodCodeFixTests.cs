namespace Linq.Spark.Analyzers.Tests;

public sealed class SyncActionInAsyncMethodCodeFixTests
{
    [Fact]
    public Task ToList_withTokenParameter_usesIt() => CodeFixVerifier<SyncActionInAsyncMethodAnalyzer, SyncActionInAsyncMethodCodeFix>.VerifyAsync("""
        class C
        {
            async Task<int> M(SparkSession s, Order[] data, CancellationToken cancellationToken)
            {
                await Task.Yield();
                var all = s.Parallelize(data).Where(o => o.Paid).{|LQS013:ToList()|};
                return all.Count + s.Parallelize(data).{|LQS013:ToList()|}.Count;
            }
        }
        """, """
        class C
        {
            async Task<int> M(SparkSession s, Order[] data, CancellationToken cancellationToken)
            {
                await Task.Yield();
                var all = await s.Parallelize(data).Where(o => o.Paid).ToListAsync(cancellationToken);
                return all.Count + (await s.Parallelize(data).ToListAsync(cancellationToken)).Count;
            }
        }
        """);

    [Fact]
    public Task ToList_withoutTokenParameter_usesNone() => CodeFixVerifier<SyncActionInAsyncMethodAnalyzer, SyncActionInAsyncMethodCodeFix>.VerifyAsync("""
        class C
        {
            async Task<List<Order>> M(SparkSession s, Order[] data)
            {
                await Task.Yield();
                return s.Parallelize(data).{|LQS013:ToList()|};
            }
        }
        """, """
        class C
        {
            async Task<List<Order>> M(SparkSession s, Order[] data)
            {
                await Task.Yield();
                return await s.Parallelize(data).ToListAsync(CancellationToken.None);
            }
        }
        """);

    [Fact]
    public Task Count_offersNoFix() => CodeFixVerifier<SyncActionInAsyncMethodAnalyzer, SyncActionInAsyncMethodCodeFix>.VerifyNoFixAsync("""
        class C
        {
            async Task<int> M(SparkSession s, Order[] data)
            {
                await Task.Yield();
                return s.Parallelize(data).{|LQS013:Count()|};
            }
        }
        """);
}
