using Microsoft.Playwright;

namespace WawaTrader.Tests.EndToEnd;

/// <summary>Real Chromium through the workstation's pages; each test saves a screenshot of what it saw.</summary>
[Trait("Category", "Slow")]
public sealed class PagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task Moving_a_percent_limits_slider_shows_the_change_summary_and_the_saved_change_in_history_with_its_label()
    {
        var page = await browser.OpenAsync("/settings");
        var slider = page.Locator("input[type=range][data-testid=slider-Risk-MaxPositionPct]");
        await Assertions.Expect(slider).ToHaveValueAsync("10", new LocatorAssertionsToHaveValueOptions { Timeout = 30_000 });
        await slider.FillAsync("5");
        await Assertions.Expect(page.Locator("input[data-testid=setting-Risk-MaxPositionPct]")).ToHaveValueAsync("5");
        await page.Locator("[data-testid=save-Risk]").ClickAsync();

        var summary = page.Locator("[data-testid=change-summary-Risk]");
        try
        {
            await Assertions.Expect(summary).ToContainTextAsync("Largest position 10% → 5%: applies to the next decision",
                new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            await Shot(page, "settings-failed");
            throw;
        }
        await Shot(page, "settings-summary");
        await page.Locator("[data-testid=confirm-Risk]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").First).ToContainTextAsync("saved", new LocatorAssertionsToContainTextOptions { IgnoreCase = true, Timeout = 30_000 });
        await Shot(page, "settings");

        var history = await browser.OpenAsync("/history");
        var row = history.Locator("[data-testid=history-table] tr", new PageLocatorOptions { HasText = "Largest position, % of equity" }).First;
        await Assertions.Expect(row).ToBeVisibleAsync(Patiently);
        await Assertions.Expect(row).ToContainTextAsync("10% → 5%");
        await Shot(history, "history");
    }

    [Fact]
    public async Task The_alerts_tab_sends_a_test_alert_and_shows_the_exact_error()
    {
        var page = await browser.OpenAsync("/settings");
        await page.Locator("[data-testid=settings-tabs] .mud-tab", new PageLocatorOptions { HasText = "Alerts" }).ClickAsync();
        await page.Locator("[data-testid=test-alert-email]").ClickAsync();

        var result = page.Locator("[data-testid=test-alert-result-email]");
        await Assertions.Expect(result).ToContainTextAsync("Email: failed: no SMTP server is set (Alerts:SmtpHost)", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await Shot(page, "settings-alerts");
    }

    [Fact]
    public async Task A_decisions_detail_shows_its_reasoning_and_every_risk_rule()
    {
        var page = await browser.OpenAsync("/decisions");
        var first = page.Locator("[data-testid=decisions-row]").First;
        await Assertions.Expect(first).ToBeVisibleAsync(Patiently);
        await Shot(page, "decisions");

        await first.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=decision-reasoning]")).ToBeVisibleAsync(Patiently);
        await Assertions.Expect(page.Locator("[data-testid=decision-reasoning]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("[data-testid=risk-check]")).ToHaveCountAsync(5);
        await Shot(page, "decision-detail");
    }

    [Theory]
    [InlineData("/trades", "trades")]
    [InlineData("/llm", "llm-interactions")]
    [InlineData("/llm/scorecard", "llm-scorecard")]
    [InlineData("/exports", "exports")]
    [InlineData("/alerts", "alerts")]
    public async Task Every_page_opens_on_a_live_circuit(string path, string name)
    {
        var page = await browser.OpenAsync(path);
        await Assertions.Expect(page.Locator("h4").First).ToBeVisibleAsync(Patiently);
        await Shot(page, name);
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png"), FullPage = true });
}
