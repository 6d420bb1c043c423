using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WawaTrader.Core.Configuration;
using WawaTrader.Tests.Core.Configuration;
using WawaTrader.Tests.Web.Components.DecisionPages;
using WawaTrader.Web.Components.Settings;
using HistoryPage = WawaTrader.Web.Components.Pages.History;
using SettingsPage = WawaTrader.Web.Components.Pages.Settings;

namespace WawaTrader.Tests.Web.Components.Settings;

public sealed class SettingsPagesTests : IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly BunitContext _ctx = new();
    private SettingsHarness _h = default!;

    private async Task StartAsync(Dictionary<string, string?>? environment = null)
    {
        _h = await SettingsHarness.CreateAsync(environment);
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddSingleton(_h.Service);
    }

    public async ValueTask DisposeAsync()
    {
        await _ctx.DisposeAsync();
        if (_h is not null) await _h.DisposeAsync();
    }

    private IRenderedComponent<SettingsForm> RenderForm(string category) =>
        _ctx.Render<SettingsForm>(p => p.Add(f => f.Category, SettingsHarness.Category(category)));

    private static void Type(IRenderedComponent<SettingsForm> form, string testId, string text) =>
        form.Find($"input[data-testid='{testId}']").Input(text);

    [Fact]
    public async Task The_settings_page_has_a_tab_per_category_and_shows_the_effective_values()
    {
        await StartAsync();

        var page = _ctx.Render<SettingsPage>();

        foreach (var name in new[] { "Risk", "Trading", "Llm", "Alerts", "Backtesting" }) Assert.Contains(name, page.Markup);
        Assert.Equal("10", page.Find("input[data-testid='setting-Risk-MaxPositionPct']").GetAttribute("value"));
        Assert.NotNull(page.Find("[data-testid='save-Risk']"));
    }

    [Fact]
    public async Task Saving_a_valid_change_applies_it_and_records_it_with_source_ui()
    {
        await StartAsync();
        var form = RenderForm("Risk");

        Type(form, "setting-Risk-MaxPositionPct", "12");
        await form.Find("[data-testid='save-Risk']").ClickAsync(new());
        await form.Find("[data-testid='confirm-Risk']").ClickAsync(new());

        Assert.Equal("12", _h.Configuration["Risk:MaxPositionPct"]);
        var change = Assert.Single(await _h.Service.GetHistoryAsync(null, 10, None));
        Assert.Equal(("MaxPositionPct", "10", "12", SettingSource.Ui), (change.Field, change.OldValue, change.NewValue, change.Source));
    }

    [Fact]
    public async Task An_invalid_value_shows_the_rule_under_the_field_and_saves_nothing()
    {
        await StartAsync();
        var form = RenderForm("Risk");

        Type(form, "setting-Risk-MaxDailyLossPct", "15");
        await form.Find("[data-testid='save-Risk']").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("Risk:MaxDailyLossPct (15) must be below Risk:MaxPositionPct (10)", form.Markup));
        Assert.Empty(await _h.Store.GetAllAsync(None));
        Assert.Equal("2", _h.Configuration["Risk:MaxDailyLossPct"]);
    }

    [Fact]
    public async Task A_key_set_by_the_environment_is_read_only_and_says_so()
    {
        await StartAsync(new() { ["Risk:MaxTradesPerDay"] = "50" });

        var form = RenderForm("Risk");

        var input = form.Find("input[data-testid='setting-Risk-MaxTradesPerDay']");
        Assert.True(input.HasAttribute("readonly"));
        Assert.Contains("set by environment (read-only here)", input.Closest(".mud-input-control")!.TextContent);
        Assert.False(form.Find("input[data-testid='setting-Risk-MinConfidence']").HasAttribute("readonly"));
    }

    [Fact]
    public async Task A_secret_shows_only_whether_it_is_set_and_replace_asks_for_it_in_a_password_field()
    {
        await StartAsync();
        await _h.SaveAsync("Alerts", ("SmtpPassword", "hunter2-secret"));

        var form = RenderForm("Alerts");

        Assert.Equal("set", form.Find("[data-testid='secret-state-Alerts-SmtpPassword']").TextContent.Trim());
        Assert.Equal("not set", form.Find("[data-testid='secret-state-Alerts-SlackWebhookUrl']").TextContent.Trim());
        Assert.Empty(form.FindAll("input[data-testid='setting-Alerts-SmtpPassword']"));
        await form.Find("[data-testid='secret-replace-Alerts-SmtpPassword']").ClickAsync(new());
        Assert.Equal("password", form.Find("input[data-testid='setting-Alerts-SmtpPassword']").GetAttribute("type"));
        Assert.DoesNotContain("hunter2-secret", form.Markup);
    }

    [Fact]
    public async Task A_stored_value_that_was_not_applied_is_reported_on_the_form()
    {
        await StartAsync();
        await _h.Database.ScalarAsync("INSERT INTO settings (agent, category, key, value) VALUES ('default', 'Risk', 'MaxTradesPerDay', 'lots')");
        await _h.RestartAsync();
        _ctx.Services.AddSingleton(_h.Service);

        var form = RenderForm("Risk");

        Assert.Contains("'lots' of Risk:MaxTradesPerDay was not applied", form.Find("[data-testid='problem-Risk-MaxTradesPerDay']").TextContent);
    }

    [Fact]
    public async Task History_lists_changes_and_revert_records_a_new_change()
    {
        await StartAsync();
        var change = Assert.Single((await _h.SaveAsync("Risk", ("MinConfidence", "55"))).Changes);
        var page = _ctx.Render<HistoryPage>();
        Assert.Contains("70% → 55%", page.Find($"[data-testid='change-{change.Id}']").TextContent);

        await page.Find($"[data-testid='revert-{change.Id}']").ClickAsync(new());

        Assert.Equal("70", _h.Configuration["Risk:MinConfidence"]);
        page.WaitForAssertion(() => Assert.Contains("55% → 70%", page.Markup));
        Assert.Contains($"Revert of #{change.Id}", page.Markup);
    }

    [Fact]
    public async Task History_times_are_in_the_viewers_zone_named_in_the_header()
    {
        await StartAsync();
        _ctx.Services.AddViewerZone();
        await _h.SaveAsync("Risk", ("MinConfidence", "55"));

        var page = _ctx.Render<HistoryPage>();

        // Saved at 2024-03-15 14:00 UTC by the test clock: 07:00 in Los Angeles (PDT).
        Assert.Equal("Time (America/Los_Angeles)", page.Find("[data-testid=history-time-header]").TextContent.Trim());
        Assert.Equal("2024-03-15 07:00:00", page.Find("[data-testid=history-time]").TextContent.Trim());
    }

    [Fact]
    public async Task History_refreshes_when_a_change_is_made_elsewhere()
    {
        await StartAsync();
        var page = _ctx.Render<HistoryPage>();
        Assert.Contains("No settings have been changed yet", page.Markup);

        var change = Assert.Single((await _h.SaveAsync("Backtesting", ("SlippageBps", "4"))).Changes);

        page.WaitForAssertion(() => Assert.Contains("1 bps → 4 bps", page.Find($"[data-testid='change-{change.Id}']").TextContent));
    }

    [Fact]
    public async Task A_secret_change_cannot_be_reverted_from_the_history()
    {
        await StartAsync();
        var change = Assert.Single((await _h.SaveAsync("Llm", ("ApiKey", "k"))).Changes);

        var page = _ctx.Render<HistoryPage>();

        Assert.True(page.Find($"[data-testid='revert-{change.Id}']").HasAttribute("disabled"));
    }
}
