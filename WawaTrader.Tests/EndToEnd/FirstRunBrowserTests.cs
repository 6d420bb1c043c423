using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WawaTrader.Tests.EndToEnd;

/// <summary>
/// Real Chromium on an empty database (the fixture's own): the first-run tour shows, its one click runs the example backtest on the
/// simulated history and opens the result, labelled simulated; back on the dashboard the step is ticked; dismissed, the tour stays
/// away after a reload.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FirstRunBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_tour_runs_the_example_backtest_ticks_its_step_and_stays_dismissed()
    {
        var page = await browser.OpenAsync("/");
        var tour = page.Locator("[data-testid=first-run-tour]");
        try
        {
            await Assertions.Expect(tour).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=tour-step-backtest]")).ToHaveAttributeAsync("data-done", "false");
            await Shot(page, "first-run-tour");

            await page.Locator("[data-testid=tour-run-example]").ClickAsync();

            // The run opens its page once the example history is written and the run queued. Blazor navigates with pushState: the
            // URL is polled (WaitForURL waited for a load event a same-document navigation under load did not give it, in CI).
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/backtests/[0-9a-fA-F-]{36}$"), new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=tour-error]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=bt-status]")).ToHaveTextAsync("Completed", new LocatorAssertionsToHaveTextOptions { Timeout = 90_000 });
            await Assertions.Expect(page.Locator("[data-testid=bt-simulated]")).ToHaveTextAsync("Simulated data");
            await Assertions.Expect(page.Locator("[data-testid=bt-simulated-note]")).ToContainTextAsync("SIM-A, SIM-B, SIM-C");
            await Assertions.Expect(page.Locator("[data-testid=bt-current]")).ToContainTextAsync("technical on SIM-A, SIM-B, SIM-C");
            await Assertions.Expect(page.GetByText("Equity against buy-and-hold (simulated data)")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=bt-equity] .apexcharts-series[seriesName]")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=bt-run-simulated]").First).ToBeVisibleAsync();
            Assert.True(await page.Locator("[data-testid=bt-trade-row]").CountAsync() > 0);
            await Shot(page, "first-run-example-backtest");

            page = await browser.OpenAsync("/");
            await Assertions.Expect(page.Locator("[data-testid=tour-step-backtest]")).ToHaveAttributeAsync("data-done", "true", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=tour-latest-backtest]")).ToBeVisibleAsync();
            await Shot(page, "first-run-tour-ticked");

            await page.Locator("[data-testid=tour-dismiss]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=first-run-tour]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });

            await page.ReloadAsync();
            await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            await page.Locator("[data-testid=first-run-tour-off]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=first-run-tour]")).ToHaveCountAsync(0);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            await Shot(page, "first-run-failed");
            throw;
        }
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png"), FullPage = true });
}
