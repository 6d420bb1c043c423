using Microsoft.Playwright;

namespace WawaTrader.Tests.EndToEnd;

[Trait("Category", "Slow")]
public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Dashboard_shows_decisions_arriving_live_without_reload()
    {
        var page = await browser.OpenAsync("/");
        var newest = page.Locator("[data-testid=decision-row]").First;
        await newest.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var before = await newest.GetAttributeAsync("data-decision-id");

        // No reload: the newest row changes because the server pushes DecisionMade events over the circuit.
        await page.WaitForFunctionAsync(
            "id => { const r = document.querySelector('[data-testid=decision-row]'); return r && r.getAttribute('data-decision-id') !== id; }",
            before, new PageWaitForFunctionOptions { Timeout = 30_000 });

        Assert.NotEqual(before, await newest.GetAttributeAsync("data-decision-id"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task Stop_and_start_from_the_dashboard_and_state_survives_reload()
    {
        var page = await browser.OpenAsync("/");
        var toggle = page.Locator("[data-testid=agent-toggle]");
        var state = page.Locator("[data-testid=agent-state]");
        await Assertions.Expect(state).ToHaveTextAsync("Running", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });

        await toggle.ClickAsync();
        await Assertions.Expect(state).ToHaveTextAsync("Stopped", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });

        await page.ReloadAsync();
        await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("[data-testid=agent-state]")).ToHaveTextAsync("Stopped");

        await page.Locator("[data-testid=agent-toggle]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=agent-state]")).ToHaveTextAsync("Running", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
    }
}
