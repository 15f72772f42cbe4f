using System.Diagnostics;
using PuppeteerSharp;

namespace Linq.Spark.UI.Tests.Infrastructure;

/// <summary>One headless Chromium for a test class: launched once, closed and its process killed when the class is done, whatever happened.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IBrowser? _browser;
    private int? _pid;

    /// <summary>The browser; pages opened from it should be closed by the test that opened them.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium.Path(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions"],
            Timeout = 60_000,
        });
        _pid = _browser.Process?.Id;
    }

    /// <summary>Opens a page of 1,400 by 900 pixels.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var page = await Browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 900 });
        page.DefaultTimeout = 15_000;
        return page;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        try
        {
            if (_browser is not null)
            {
                await _browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is TimeoutException or PuppeteerException or ObjectDisposedException)
        {
            // Killed below.
        }
        finally
        {
            Kill();
            _browser?.Dispose();
        }
    }

    private void Kill()
    {
        if (_pid is not { } pid)
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the kill.
        }
    }
}
