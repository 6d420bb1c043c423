using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.EndToEnd;

/// <summary>
/// Two agents' history in the app's one SQLite file: the app's own agent (<c>default</c>, trading its watchlist) and <c>beta</c>,
/// whose decisions on QQQ are written through a journal of that agent. In Chromium the dashboard's picker shows beta's decisions
/// read-only (no Start/Stop), and "All agents" both agents' with their names.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AgentPickerBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int Timeout = 30_000;

    [Fact]
    public async Task The_dashboard_picker_shows_another_agent_read_only_and_all_agents_with_their_names()
    {
        var beta = new EfDecisionJournal(browser.App.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>(), new AgentIdentity("beta"));
        // A day ahead of the wall clock, so they stay among the newest while this agent keeps deciding.
        var ahead = DateTime.UtcNow.AddDays(1);
        for (var i = 0; i < 2; i++)
        {
            var decision = JournalData.Decision("QQQ", time: ahead.AddMinutes(i), barTime: ahead.AddMinutes(i), withOrder: true, status: OrderStatus.Filled,
                fills: [new Fill(ahead.AddMinutes(i), 5m, 400m, 0m)]);
            await beta.RecordDecisionAsync(decision, CancellationToken.None);
        }
        var page = await browser.OpenAsync("/");
        await page.Locator("[data-testid=agent-toggle]").WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });

        await PickAsync(page, "beta");

        await Assertions.Expect(page.Locator("[data-testid=agent-readonly]")).ToContainTextAsync("Agent beta", new() { Timeout = Timeout });
        var rows = page.Locator("[data-testid=decision-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(2, new() { Timeout = Timeout });
        Assert.All(await page.Locator("[data-testid=decision-link]").AllInnerTextsAsync(), s => Assert.Equal("QQQ", s.Trim()));
        Assert.Equal(0, await page.Locator("[data-testid=agent-toggle]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=kill-switch]").CountAsync());
        Assert.Contains("QQQ", await page.Locator("[data-testid=agent-view-position]").InnerTextAsync(), StringComparison.Ordinal);

        await PickAsync(page, "All agents");

        await Assertions.Expect(page.Locator("[data-testid=agent-readonly]")).ToContainTextAsync("All agents", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=decision-agent]").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        var agents = (await page.Locator("[data-testid=decision-agent]").AllInnerTextsAsync()).Select(a => a.Trim()).ToHashSet();
        Assert.Equal(["beta", "default"], agents.Order());
        var first = page.Locator("[data-testid=decision-row]").First;
        Assert.Equal("beta", (await first.Locator("[data-testid=decision-agent]").InnerTextAsync()).Trim());
        Assert.Equal("QQQ", (await first.Locator("[data-testid=decision-link]").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("[data-testid=agent-toggle]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard-all-agents.png"), FullPage = true });
    }

    /// <summary>Opens the agent picker and chooses the item reading <paramref name="text"/>.</summary>
    private static async Task PickAsync(IPage page, string text)
    {
        await page.Locator("[data-testid=agent-picker]").ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = text }).First;
        await item.ClickAsync(new LocatorClickOptions { Timeout = Timeout });
    }
}
