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
        // The drawdown axis in percent, daily bars as dates, and the sizing the run traded under.
        var drawdownLabels = await page.Locator("[data-testid=bt-drawdown] .apexcharts-yaxis-label").AllTextContentsAsync();
        Assert.NotEmpty(drawdownLabels);
        Assert.All(drawdownLabels, l => Assert.True(l.Trim().EndsWith('%') && !l.Contains('$'), l));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", (await page.Locator("[data-testid=bt-trade-row]").First.TextContentAsync())!.Trim());
        await Assertions.Expect(page.Locator("[data-testid=bt-sizing]")).ToHaveTextAsync("Position size 5% of equity · max position 10% · max exposure 30%");
        await Shot(page, "backtest");
    }

    [Fact]
    public async Task A_long_run_over_two_separate_histories_is_drawn_from_its_first_bar_downsampled_and_with_a_gap_between_them()
    {
        var page = await browser.OpenAsync("/backtests");
        var paths = page.Locator("textarea[data-testid=bt-paths], [data-testid=bt-paths] textarea").First;
        await Assertions.Expect(paths).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // ORCL 1995-2014 (5,036 bars) then SPY 2017-2018 (502 bars): two years without a bar between them.
        await paths.FillAsync(SharedData.MarketFile("ORCL-1995-2014-daily.csv") + "\n" + SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        await paths.PressAsync("Tab");

        await page.Locator("[data-testid=bt-run]").ClickAsync();

        try
        {
            await Assertions.Expect(page.Locator("[data-testid=bt-status]")).ToHaveTextAsync("Completed", new LocatorAssertionsToHaveTextOptions { Timeout = 120_000 });
            await Assertions.Expect(page.Locator("[data-testid=bt-equity-downsampled]")).ToContainTextAsync("downsampled from 5,538 points", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=bt-equity] .apexcharts-series[seriesName]")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            await Shot(page, "backtest-long-failed");
            throw;
        }
        // What ApexCharts holds for each series: its first x, how many points, and how many gap points (null y).
        var drawn = await page.Locator("[data-testid=bt-equity] .apexcharts-canvas").EvaluateAsync<double[][]>(
            "c => ApexCharts.getChartByID(c.id.replace(/^apexcharts/, '')).w.config.series.map(s => [s.data[0][0], s.data.length, s.data.filter(p => p[1] === null).length])");
        var firstBar = (new DateTime(1995, 1, 3, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds;
        Assert.All(drawn, series =>
        {
            Assert.Equal(firstBar, series[0]);
            Assert.InRange(series[1], 100, 2_000);
            Assert.Equal(1, series[2]);
        });
        await Shot(page, "backtest-long");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png"), FullPage = true });
}
