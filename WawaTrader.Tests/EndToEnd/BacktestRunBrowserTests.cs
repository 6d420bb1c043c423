using Microsoft.Playwright;

namespace WawaTrader.Tests.EndToEnd;

/// <summary>Real Chromium runs a backtest on the Backtests page over real price data and sees every chart of the result drawn.</summary>
[Trait("Category", "Slow")]
public sealed class BacktestRunBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_technical_backtest_on_spy_draws_equity_drawdown_monthly_returns_metrics_and_trades()
    {
        var page = await browser.OpenAsync("/backtests");
        var paths = page.Locator("textarea[data-testid=bt-paths], [data-testid=bt-paths] textarea").First;
        await Assertions.Expect(paths).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await paths.FillAsync(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        await paths.PressAsync("Tab");

        await page.Locator("[data-testid=bt-run]").ClickAsync();

        try
        {
            await Assertions.Expect(page.Locator("[data-testid=bt-status]")).ToHaveTextAsync("Completed", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
            // Strategy and buy-and-hold lines, the drawdown line, and one heatmap cell per month of 2017-2018.
            await Assertions.Expect(page.Locator("[data-testid=bt-equity] .apexcharts-series[seriesName]")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=bt-drawdown] .apexcharts-series[seriesName]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=bt-monthly] .apexcharts-heatmap-rect")).ToHaveCountAsync(24, new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            await Shot(page, "backtest-failed");
            throw;
        }
        await Assertions.Expect(page.Locator("[data-testid=bt-metric-totalReturn], [data-testid^=bt-metric-]").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("[data-testid=bt-metric-row]").CountAsync() >= 10);
        Assert.True(await page.Locator("[data-testid=bt-trade-row]").CountAsync() > 0);
        await Shot(page, "backtest");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png"), FullPage = true });
}
