using Microsoft.Playwright;

namespace WawaTrader.Benchmarks.Soak;

/// <summary>
/// The dashboard open in Debian's Chromium (Playwright, no browser download). A script in the page notes, for each decision row
/// that enters the DOM, how long after the decision's time (<c>data-decision-ms</c>) it appeared, and how late a 100 ms timer
/// fires (the page's responsiveness: a page busy rendering delays it). Both clocks are the machine's.
/// </summary>
public sealed class BrowserProbe : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private const string Script = """
        () => {
          const s = window.__soak = { latencies: [], lags: [], seen: new Set() };
          const note = row => {
            const id = row.getAttribute('data-decision-id');
            if (s.seen.has(id)) return;
            if (s.seen.size > 20000) s.seen.clear();
            s.seen.add(id);
            s.latencies.push(Date.now() - Number(row.getAttribute('data-decision-ms')));
          };
          new MutationObserver(mutations => {
            for (const m of mutations) for (const n of m.addedNodes) {
              if (n.nodeType !== 1) continue;
              if (n.matches('tr[data-decision-ms]')) note(n);
              else n.querySelectorAll('tr[data-decision-ms]').forEach(note);
            }
          }).observe(document.body, { childList: true, subtree: true });
          let last = performance.now();
          setInterval(() => { const now = performance.now(); s.lags.push(now - last - 100); last = now; }, 100);
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserProbe(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<BrowserProbe> OpenAsync(Uri dashboard)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        await page.GotoAsync(dashboard.ToString());
        await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.EvaluateAsync(Script);
        return new BrowserProbe(playwright, browser, page);
    }

    /// <summary>The latencies (ms) and timer lags (ms) noted since the last call.</summary>
    public async Task<(double[] Latencies, double[] Lags)> DrainAsync()
    {
        var latencies = await Page.EvaluateAsync<double[]>("() => window.__soak.latencies.splice(0)");
        var lags = await Page.EvaluateAsync<double[]>("() => window.__soak.lags.splice(0)");
        return (latencies, lags);
    }

    /// <summary>Decision rows in the page's DOM now, and all its elements.</summary>
    public async Task<(int Rows, int Elements)> CountAsync() =>
        (await Page.EvaluateAsync<int>("() => document.querySelectorAll('tr[data-decision-ms]').length"),
         await Page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length"));

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
