using Microsoft.Playwright;

namespace WawaTrader.Tests.EndToEnd;

/// <summary>The dashboard at a phone's width and a desktop's, in a browser set to Los Angeles time: one column without sideways
/// scrolling on the phone, the normal grid on the desktop, the portfolio chart filling its card, no label cut off, times in the
/// viewer's zone (on the dashboard, the decisions list and a decision's page).</summary>
[Trait("Category", "Slow")]
public sealed class DashboardLayoutBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Zone = "America/Los_Angeles";

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task The_dashboard_fits_the_width_its_chart_fills_its_card_and_times_are_in_the_viewers_zone(int width, int height)
    {
        var page = await browser.OpenAsync("/", width, height, Zone);
        await page.Locator("[data-testid=decision-row]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.Locator("[data-testid=equity-chart] svg.apexcharts-svg").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        // Let ApexCharts redraw after the last layout change (the decisions and cards fill in as the agent runs).
        await page.WaitForTimeoutAsync(1000);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"dashboard-{width}.png"), FullPage = true });

        var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(scroll[0] <= scroll[1], $"the page is {scroll[0]} px wide in a {scroll[1]} px window");

        var agent = await Box(page, "[data-testid=agent-card]");
        var equity = await Box(page, "[data-testid=equity-chart]");
        if (width < 600)
        {
            // One column: the cards share their left edge and the chart's card comes below the agent's.
            Assert.InRange(equity.X - agent.X, -1, 1);
            Assert.True(equity.Y >= agent.Y + agent.Height - 1, $"chart card at y {equity.Y}, agent card ends at {agent.Y + agent.Height}");
            Assert.True(equity.Width >= width - 64, $"the chart card is {equity.Width} px wide at {width}");
        }
        else
        {
            // The normal grid: the chart's card beside the agent column, as tall as the row.
            Assert.True(equity.X >= agent.X + agent.Width, $"chart card at x {equity.X}, agent card ends at {agent.X + agent.Width}");
            Assert.InRange(equity.Y - agent.Y, -1, 1);
        }
        var chart = await Box(page, "[data-testid=equity-chart] svg.apexcharts-svg");
        var gap = equity.Y + equity.Height - (chart.Y + chart.Height);
        Assert.True(gap <= 40, $"{gap} px of the card are empty below the chart (card {equity.Height} px, chart {chart.Height} px)");

        await Assertions.Expect(page.Locator("[data-testid=viewer-zone]")).ToContainTextAsync($"Times in {Zone}");
        await Assertions.Expect(page.Locator("[data-testid=decisions-table] th").First).ToHaveTextAsync($"Time ({Zone})");
        await Assertions.Expect(page.Locator("[data-testid=decision-bar-time]").First).ToContainTextAsync("New York");

        // No label or figure in the cards above the tables is cut off (ellipsis or hidden overflow).
        AssertNoneClipped(await ClippedAsync(page, ".wt-cards, [data-testid=agent-card], [data-testid=model-status], [data-testid=connection-card], [data-testid=risk-gauges]"));
    }

    [Fact]
    public async Task The_decisions_list_and_a_decisions_page_write_times_in_the_viewers_zone()
    {
        var page = await browser.OpenAsync("/decisions", 1440, 1000, Zone);
        await Assertions.Expect(page.Locator("[data-testid=decisions-time-header]")).ToHaveTextAsync($"Time ({Zone})", new() { Timeout = 30_000 });
        await page.Locator("[data-testid=decision-link]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        await page.Locator("[data-testid=decision-link]").First.ClickAsync();

        var times = page.Locator("[data-testid=decision-times]");
        await Assertions.Expect(times).ToContainTextAsync($" {Zone} on the bar of ", new() { Timeout = 30_000 });
        await Assertions.Expect(times).ToContainTextAsync(" New York)");
        await Assertions.Expect(page.Locator("[data-testid=indicator-bar-time]")).ToContainTextAsync(Zone);
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 1000)]
    public async Task The_backtest_forms_labels_are_shown_whole(int width, int height)
    {
        var page = await browser.OpenAsync("/backtests", width, height, Zone);
        await page.Locator("[data-testid=bt-position-size]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backtests-form-{width}.png"), FullPage = true });

        AssertNoneClipped(await ClippedAsync(page, "[data-testid=bt-form]"));
    }

    private static void AssertNoneClipped(string[] clipped) =>
        Assert.True(clipped.Length == 0, "cut off: " + string.Join(Environment.NewLine, clipped));

    /// <summary>The cards matching <paramref name="scope"/> whose content is wider than the card, and the texts inside them (labels,
    /// captions, figures) wider than their own box: a label cut off with an ellipsis, a figure hidden past its card's edge.</summary>
    private static Task<string[]> ClippedAsync(IPage page, string scope) => page.EvaluateAsync<string[]>(
        """
        scope => [...document.querySelectorAll(scope)]
            .flatMap(card => [card, ...card.querySelectorAll('label, p, span, h1, h2, h3, h4, h5, h6, .mud-typography, .mud-input-helper-text')])
            .filter(e => !e.closest('svg') && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${e.textContent.trim().slice(0, 60)}" (${e.scrollWidth} px in ${e.clientWidth} px)`)
        """, scope);

    // The chart redraws (a new svg) as data arrives, so the element found can be gone by the time it is measured: look again
    // until one stays long enough to be measured.
    private static async Task<LocatorBoundingBoxResult> Box(IPage page, string selector)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var element = page.Locator(selector).First;
            await element.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
            if (await element.BoundingBoxAsync() is { } box) return box;
            await page.WaitForTimeoutAsync(250);
        }
        throw new InvalidOperationException($"{selector} is not shown.");
    }
}
