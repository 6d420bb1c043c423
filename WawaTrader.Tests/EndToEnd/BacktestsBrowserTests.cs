using Microsoft.Playwright;

namespace WawaTrader.Tests.EndToEnd;

/// <summary>Real Chromium on the Backtests page against the real engine and real price data.</summary>
[Trait("Category", "Slow")]
public sealed class BacktestsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_small_optimisation_on_spy_draws_its_heatmap_and_walk_forward_table()
    {
        var page = await browser.OpenAsync("/backtests");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Optimise" }).ClickAsync();
        var paths = page.Locator("textarea[data-testid=bt-opt-paths]");
        await Assertions.Expect(paths).ToBeVisibleAsync(Patiently);
        await paths.FillAsync(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        await paths.PressAsync("Tab");
        var grid = page.Locator("textarea[data-testid=bt-opt-grid]");
        await grid.FillAsync("fast=5,10,20\nslow=30,50");
        await grid.PressAsync("Tab");
        await page.Locator("input[data-testid=bt-opt-wf], [data-testid=bt-opt-wf] input").CheckAsync();
        await Assertions.Expect(page.Locator("input[data-testid=bt-opt-train], [data-testid=bt-opt-train] input")).ToBeVisibleAsync(Patiently);

        await page.Locator("[data-testid=bt-opt-run]").ClickAsync();

        try
        {
            await Assertions.Expect(page.Locator("[data-testid=bt-opt-status]")).ToHaveTextAsync("Completed", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
            // 3 fast × 2 slow: six cells drawn by ApexCharts.
            await Assertions.Expect(page.Locator("[data-testid=bt-opt-heatmap] .apexcharts-heatmap-rect")).ToHaveCountAsync(6, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            await Shot(page, "optimise-failed");
            throw;
        }
        await Assertions.Expect(page.Locator("[data-testid=bt-opt-row]")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("[data-testid=bt-opt-wf-row]")).ToHaveCountAsync((502 - 120) / 60);
        await Shot(page, "optimise");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png"), FullPage = true });
}
