using System.Net;
using Linq.Spark.UI.Pages;
using Linq.Spark.UI.Tests.Infrastructure;
using PuppeteerSharp;

namespace Linq.Spark.UI.Tests;

/// <summary>The pages in a real headless Chromium: during a job held at a gate, after it, for a failed job, and for unknown ids.</summary>
public sealed class UIPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ScreenshotFolderVariable = "LINQSPARK_UI_SCREENSHOTS";

    [Fact]
    public async Task JobsPage_runningJob_turnsSucceededWithoutReload()
    {
        await using var ui = new UISession();
        var (job, submission) = ui.StartHeldJob();
        var page = await browser.NewPageAsync();
        try
        {
            await page.GoToAsync(ui.At("/jobs"));
            var row = $"#active-jobs tr[data-job-id=\"{submission.JobId}\"]";
            Assert.Equal("RUNNING", await Text(page, $"{row} .status"));
            Assert.Equal("true", await page.EvaluateExpressionAsync<string>("document.body.dataset.live"));
            var tasks = submission.Stages.Sum(s => s.NumTasks);
            Assert.Equal($"0/{tasks} ({UISession.ExecutorThreads} running)", await Text(page, $"{row} .progress-text"));
            Assert.Equal($"0/{submission.Stages.Count}", await Text(page, $"{row} td:nth-child(6)"));

            ui.Gate.Open();
            await job;
            // The same page, never reloaded: its script fetched the new body.
            await page.WaitForFunctionAsync($"() => document.querySelector('#completed-jobs tr[data-job-id=\"{submission.JobId}\"] .status')?.textContent === 'SUCCEEDED'");
            var done = $"#completed-jobs tr[data-job-id=\"{submission.JobId}\"]";
            Assert.Equal($"{tasks}/{tasks}", await Text(page, $"{done} .progress-text"));
            Assert.Equal($"{submission.Stages.Count}/{submission.Stages.Count}", await Text(page, $"{done} td:nth-child(6)"));
            Assert.Equal("Active Jobs (0)", await Text(page, "#active"));
            await page.WaitForFunctionAsync("() => document.body.dataset.live === 'false'");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task JobPage_runningJob_drawsEveryPlannedStageAndShuffleEdge()
    {
        await using var ui = new UISession();
        var (job, submission) = ui.StartHeldJob();
        var page = await browser.NewPageAsync();
        try
        {
            await page.GoToAsync(ui.At($"/jobs/{submission.JobId}"));
            Assert.Equal("RUNNING", await Text(page, "#job-status"));
            var boxes = await page.EvaluateExpressionAsync<int[]>("[...document.querySelectorAll('svg.dag g.stage')].map(g => +g.dataset.stageId)");
            Assert.Equal(submission.Stages.Select(s => s.Id).Order(), boxes.Order());
            var edges = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('svg.dag path.edge')].map(e => e.dataset.from + '->' + e.dataset.to)");
            Assert.Equal(submission.Stages.SelectMany(s => s.ParentIds.Select(p => $"{p}->{s.Id}")).Order(), edges.Order());
            Assert.True(submission.Stages.Count >= 3, $"the held job plans {submission.Stages.Count} stages");

            // The held stage runs; a stage that waits for a parent is pending.
            var held = submission.Stages.Single(s => s.Operators.Any(o => o.Contains("Pass", StringComparison.Ordinal)));
            Assert.Equal("RUNNING", await page.EvaluateExpressionAsync<string>($"document.querySelector('svg.dag g.stage[data-stage-id=\"{held.Id}\"]').dataset.status"));
            foreach (var child in submission.Stages.Where(s => s.ParentIds.Count > 0))
            {
                Assert.Equal("PENDING", await page.EvaluateExpressionAsync<string>($"document.querySelector('svg.dag g.stage[data-stage-id=\"{child.Id}\"]').dataset.status"));
            }

            // Each box lists its operators; the tooltip has their whole text, unescaped by the browser.
            var tooltip = await page.EvaluateExpressionAsync<string>($"document.querySelector('svg.dag g.stage[data-stage-id=\"{held.Id}\"] title').textContent");
            Assert.Equal(string.Join("\n", held.Operators), tooltip);
            Assert.Contains("&&", tooltip, StringComparison.Ordinal);

            ui.Gate.Open();
            await job;
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('svg.dag g.stage')].every(g => g.dataset.status === 'COMPLETE')");
            Assert.Equal("SUCCEEDED", await Text(page, "#job-status"));
            Assert.Equal(submission.Stages.Count, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('table.stages tbody tr').length"));
            if (Environment.GetEnvironmentVariable(ScreenshotFolderVariable) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
                await page.ScreenshotAsync(Path.Combine(folder, "ui-job-dag.png"), new ScreenshotOptions { FullPage = true });
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task StagePage_heldStage_listsRunningTasksThenTheNumbersOfCompletedJobs()
    {
        await using var ui = new UISession();
        var (job, submission) = ui.StartHeldJob();
        var held = submission.Stages.Single(s => s.Operators.Any(o => o.Contains("Pass", StringComparison.Ordinal)));
        var page = await browser.NewPageAsync();
        try
        {
            await page.GoToAsync(ui.At($"/stages/{held.Id}"));
            Assert.Equal("RUNNING", await Text(page, "#stage-status"));
            var running = await page.EvaluateExpressionAsync<string[]>(
                "[...document.querySelectorAll('table.tasks tbody tr')].filter(r => r.querySelector('.status').textContent === 'RUNNING').map(r => r.children[2].textContent)");
            Assert.Equal(["0", "1"], running.Order());
            Assert.Equal(running.Length, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.timeline rect.task-bar').length"));
            var operators = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('ol.operators code')].map(c => c.textContent)");
            Assert.Equal(held.Operators, operators);

            ui.Gate.Open();
            await job;
            await page.WaitForFunctionAsync("() => document.querySelector('#stage-status').textContent === 'COMPLETE'");
            var info = ui.Session.CompletedJobs.Single(j => j.JobId == submission.JobId).Stages.Single(s => s.StageId == held.Id);
            Assert.Equal(info.NumTasks, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('table.tasks tbody tr').length"));
            Assert.Equal(info.NumTasks, await page.EvaluateExpressionAsync<int>("[...document.querySelectorAll('table.tasks .status')].filter(s => s.textContent === 'SUCCESS').length"));
            Assert.Equal(info.NumTasks, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.timeline rect.task-bar').length"));
            Assert.Equal(Format.Duration(info.Duration), await Text(page, "#stage-duration"));
            Assert.Equal($"{info.ShuffleWriteBytes} bytes", await page.EvaluateExpressionAsync<string>("document.querySelector('#shuffle-write span').title"));
            Assert.Contains($"/ {Format.Count(info.ShuffleWriteRows)} rows", await Text(page, "#shuffle-write"), StringComparison.Ordinal);
            var taskBytes = await page.EvaluateExpressionAsync<long[]>("[...document.querySelectorAll('table.tasks tbody tr')].map(r => +r.children[8].textContent.replaceAll(',', ''))");
            Assert.Equal(info.ShuffleWriteBytes, taskBytes.Sum());
            Assert.True(info.ShuffleWriteBytes > 0);

            // The stage after the shuffle reads what its parents wrote.
            var child = submission.Stages.Single(s => s.ParentIds.Contains(held.Id));
            var parents = ui.Session.CompletedJobs.Single(j => j.JobId == submission.JobId).Stages.Where(s => child.ParentIds.Contains(s.StageId)).ToList();
            await page.GoToAsync(ui.At($"/stages/{child.Id}"));
            Assert.Equal($"{parents.Sum(p => p.ShuffleWriteBytes)} bytes", await page.EvaluateExpressionAsync<string>("document.querySelector('#shuffle-read span').title"));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task PlanPage_job_showsTheExplainTextAndEachStagesOperatorsAndNumbers()
    {
        await using var ui = new UISession();
        var (job, submission) = ui.StartHeldJob();
        var page = await browser.NewPageAsync();
        try
        {
            await page.GoToAsync(ui.At($"/jobs/{submission.JobId}/plan"));
            var plan = await Text(page, "#plan-text");
            Assert.Equal(submission.PlanText.TrimEnd(), plan.TrimEnd());
            Assert.DoesNotContain("<>", plan, StringComparison.Ordinal);
            Assert.Contains("&&", plan, StringComparison.Ordinal);

            ui.Gate.Open();
            await job;
            await page.WaitForFunctionAsync("() => document.body.dataset.live === 'false'");
            var infos = ui.Session.CompletedJobs.Single(j => j.JobId == submission.JobId).Stages;
            foreach (var stage in submission.Stages)
            {
                var section = $"section.plan-stage[data-stage-id=\"{stage.Id}\"]";
                var operators = await page.EvaluateExpressionAsync<string[]>($"[...document.querySelectorAll('{section} li.operator code')].map(c => c.textContent)");
                Assert.Equal(stage.Operators, operators);
                var info = infos.Single(s => s.StageId == stage.Id);
                // Each operator shows the rows the engine counted for it, or nothing where it has no count.
                var rows = await page.EvaluateExpressionAsync<string[]>(
                    $"[...document.querySelectorAll('{section} li.operator')].map(li => li.querySelector('.operator-rows')?.textContent ?? '')");
                Assert.Equal(info.OperatorRows.Select(r => r is { } n ? $"{Format.Count(n)} rows" : ""), rows);
                Assert.Contains(info.OperatorRows, r => r > 0);
                var cells = await page.EvaluateExpressionAsync<string[]>($"[...document.querySelectorAll('{section} table.stage-metrics td')].map(c => c.textContent)");
                Assert.Equal($"{info.NumTasks}/{info.NumTasks}", cells[0]);
                Assert.Equal(Format.Duration(info.Duration), cells[1]);
                if (info.IsShuffleMap)
                {
                    Assert.Equal($"{Format.Bytes(info.ShuffleWriteBytes)} / {Format.Count(info.ShuffleWriteRows)} rows", cells[4]);
                }
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task ExecutorsPage_heldJob_countsActiveTasksPerSlotThenCompletedOnes()
    {
        await using var ui = new UISession();
        var (job, submission) = ui.StartHeldJob();
        var page = await browser.NewPageAsync();
        try
        {
            await page.GoToAsync(ui.At("/executors"));
            var slots = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('table.executors tbody tr')].map(r => r.children[0].textContent)");
            Assert.Equal(["0", "1"], slots);
            var active = await page.EvaluateExpressionAsync<int[]>("[...document.querySelectorAll('table.executors tbody tr')].map(r => +r.children[1].textContent)");
            Assert.Equal([1, 1], active);
            Assert.EndsWith("B", await Text(page, "#working-set"), StringComparison.Ordinal);
            Assert.EndsWith("B", await Text(page, "#gc-heap"), StringComparison.Ordinal);

            ui.Gate.Open();
            await job;
            await page.WaitForFunctionAsync("() => document.body.dataset.live === 'false'");
            var completed = await page.EvaluateExpressionAsync<int[]>("[...document.querySelectorAll('table.executors tbody tr')].map(r => +r.children[2].textContent)");
            Assert.Equal(ui.Session.CompletedJobs.Sum(j => j.Stages.Sum(s => s.NumTasks)), completed.Sum());
            active = await page.EvaluateExpressionAsync<int[]>("[...document.querySelectorAll('table.executors tbody tr')].map(r => +r.children[1].textContent)");
            Assert.Equal([0, 0], active);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task FailedJob_showsFailedAndTheErrorMessage()
    {
        await using var ui = new UISession();
        var rows = ui.Session.Parallelize(Enumerable.Range(0, 1_000).ToArray(), 4);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => rows.Where(x => x < 700 || Rows.Reject(x)).ToListAsync());
        var submission = ui.Recorder.Latest();
        var page = await browser.NewPageAsync();
        try
        {
            await page.GoToAsync(ui.At("/jobs"));
            Assert.Equal("FAILED", await Text(page, $"#failed-jobs tr[data-job-id=\"{submission.JobId}\"] .status"));
            await page.GoToAsync(ui.At($"/jobs/{submission.JobId}"));
            Assert.Equal("FAILED", await Text(page, "#job-status"));
            Assert.Contains("row 700 is <rejected> && logged", await Text(page, "#job-error"), StringComparison.Ordinal);
            Assert.Equal("FAILED", await page.EvaluateExpressionAsync<string>("document.querySelector('svg.dag g.stage').dataset.status"));
            await page.GoToAsync(ui.At($"/stages/{submission.Stages[0].Id}"));
            var errors = await page.EvaluateExpressionAsync<string[]>(
                "[...document.querySelectorAll('table.tasks tbody tr')].filter(r => r.querySelector('.status').textContent === 'FAILED').map(r => r.querySelector('td.error').textContent)");
            // The task that threw shows its error; a task stopped because of it (still running then) shows its cancellation.
            Assert.Contains(errors, e => e.Contains("row 700 is <rejected> && logged", StringComparison.Ordinal));
            Assert.All(errors, e => Assert.True(
                e.Contains("row 700 is <rejected> && logged", StringComparison.Ordinal) || e.Contains("OperationCanceledException", StringComparison.Ordinal), e));
            Assert.IsType<SparkJobException>(error);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Theory]
    [InlineData("/jobs/4242", "Job 4242 is not known")]
    [InlineData("/jobs/4242/plan", "Job 4242 is not known")]
    [InlineData("/stages/4242", "Stage 4242 is not known")]
    [InlineData("/jobs/first", "There is no page at /jobs/first")]
    [InlineData("/storage", "There is no page at /storage")]
    public async Task UnknownAddress_answers404WithAMessage(string path, string message)
    {
        await using var ui = new UISession();
        var page = await browser.NewPageAsync();
        try
        {
            var response = await page.GoToAsync(ui.At(path));
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
            Assert.Contains(message, await Text(page, "#not-found"), StringComparison.Ordinal);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static Task<string> Text(IPage page, string selector) =>
        page.EvaluateExpressionAsync<string>($"document.querySelector('{selector.Replace("'", "\\'", StringComparison.Ordinal)}').textContent");

    /// <summary>A lambda's callee that fails on one row, with characters the page must escape in its message.</summary>
    private static class Rows
    {
        public static bool Reject(int row) => row == 700 ? throw new InvalidOperationException($"row {row} is <rejected> && logged") : true;
    }
}
