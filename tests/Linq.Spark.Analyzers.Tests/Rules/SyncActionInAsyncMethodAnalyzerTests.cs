namespace Linq.Spark.Analyzers.Tests;

public sealed class SyncActionInAsyncMethodAnalyzerTests
{
    [Fact]
    public Task AsyncMethod_countAndToList_report() => AnalyzerVerifier<SyncActionInAsyncMethodAnalyzer>.VerifyAsync("""
        class C
        {
            async Task<object> M(SparkSession s, Order[] data)
            {
                await Task.Yield();
                var n = s.Parallelize(data).{|LQS013:Count()|};
                var all = s.Parallelize(data).Where(o => o.Paid).{|LQS013:ToList()|};
                return (n, all);
            }
        }
        """);

    [Fact]
    public Task AsyncLambdaAndLocalFunction_report() => AnalyzerVerifier<SyncActionInAsyncMethodAnalyzer>.VerifyAsync("""
        class C
        {
            object M(SparkSession s, Order[] data)
            {
                Func<Task<int>> f = async () => { await Task.Yield(); return s.Parallelize(data).{|LQS013:Count()|}; };
                async Task<decimal> Total() { await Task.Yield(); return s.Parallelize(data).{|LQS013:Sum(o => o.Amount)|}; }
                return (f, Total());
            }
        }
        """);

    [Fact]
    public Task TopLevelProgram_syncActionsAfterAnAwait_doNotReport() => AnalyzerVerifier<SyncActionInAsyncMethodAnalyzer>.VerifyProgramAsync("""
        using var s = new SparkSession();
        Order[] data = [];
        await Task.Yield();
        var n = s.Parallelize(data).Count();
        var all = s.Parallelize(data).Where(o => o.Paid).ToList();
        var total = s.Parallelize(data).Sum(o => o.Amount);
        var any = s.Parallelize(data).Any(o => o.Qty > 10);
        var first = s.Parallelize(data).OrderBy(o => o.Id).First();
        Console.WriteLine((n, all, total, any, first));
        """);

    [Fact]
    public Task TopLevelProgram_asyncLocalFunctionAndLambda_report() => AnalyzerVerifier<SyncActionInAsyncMethodAnalyzer>.VerifyProgramAsync("""
        using var s = new SparkSession();
        Order[] data = [];
        Func<Task<int>> later = async () => { await Task.Yield(); return s.Parallelize(data).{|LQS013:Count()|}; };
        Console.WriteLine(await later() + await TotalAsync());

        async Task<decimal> TotalAsync() { await Task.Yield(); return s.Parallelize(data).{|LQS013:Sum(o => o.Amount)|}; }
        """);

    [Fact]
    public Task AsyncMain_syncActions_doNotReportButOtherAsyncMethodsDo() => AnalyzerVerifier<SyncActionInAsyncMethodAnalyzer>.VerifyProgramAsync("""
        static class Program
        {
            static async Task<int> Main(string[] args)
            {
                using var s = new SparkSession();
                Order[] data = [];
                await Task.Yield();
                var all = s.Parallelize(data).ToList();
                return s.Parallelize(data).Count() + all.Count + await CountAsync(s, data);
            }

            static async Task<int> CountAsync(SparkSession s, Order[] data)
            {
                await Task.Yield();
                return s.Parallelize(data).{|LQS013:Count()|};
            }
        }
        """);

    [Fact]
    public Task AsyncMainInLibrary_reports() => AnalyzerVerifier<SyncActionInAsyncMethodAnalyzer>.VerifyAsync("""
        static class Jobs
        {
            static async Task Main(SparkSession s, Order[] data)
            {
                await Task.Yield();
                Console.WriteLine(s.Parallelize(data).{|LQS013:Count()|});
            }
        }
        """);

    [Fact]
    public Task SyncContexts_andAsyncActions_doNotReport() => AnalyzerVerifier<SyncActionInAsyncMethodAnalyzer>.VerifyAsync("""
        class C
        {
            int Sync(SparkSession s, Order[] data) => s.Parallelize(data).Count();

            async Task<object> M(SparkSession s, Order[] data, CancellationToken ct)
            {
                var all = await s.Parallelize(data).ToListAsync(ct);
                Func<int> later = () => s.Parallelize(data).Count();
                var plan = s.Parallelize(data).Explain();
                return (all, later, plan);
            }
        }
        """);

    [Fact]
    public Task AsyncMethod_efCoreAndLinqToObjects_doesNotReport() => AnalyzerVerifier<SyncActionInAsyncMethodAnalyzer>.VerifyAsync("""
        class C
        {
            async Task<object> M(ShopContext ctx, Order[] data)
            {
                await Task.Yield();
                return (ctx.Orders.Count(), ctx.Orders.ToList(), data.AsQueryable().Count());
            }
        }
        """);
}
