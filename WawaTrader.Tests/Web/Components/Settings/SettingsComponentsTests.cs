using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WawaTrader.Core.Configuration;
using WawaTrader.Tests.Core.Configuration;
using WawaTrader.Web.Components.Settings;
using HistoryPage = WawaTrader.Web.Components.Pages.History;

namespace WawaTrader.Tests.Web.Components.Settings;

/// <summary>The Settings form's editors (slider, duration, secret, chips) and the change summary, over a real settings service.</summary>
public sealed class SettingsComponentsTests : IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly BunitContext _ctx = new();
    private SettingsHarness _h = default!;

    private async Task<IRenderedComponent<SettingsForm>> RenderAsync(string category)
    {
        _h = await SettingsHarness.CreateAsync();
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddSingleton(_h.Service);
        return _ctx.Render<SettingsForm>(p => p.Add(f => f.Category, SettingsHarness.Category(category)));
    }

    public async ValueTask DisposeAsync()
    {
        await _ctx.DisposeAsync();
        if (_h is not null) await _h.DisposeAsync();
    }

    private static Task SaveAsync(IRenderedComponent<SettingsForm> form, string category) =>
        form.Find($"[data-testid='save-{category}']").ClickAsync(new());

    private static IReadOnlyList<string> SummaryLines(IRenderedComponent<SettingsForm> form) =>
        [.. form.FindAll("[data-testid='change-summary-line']").Select(l => l.TextContent.Trim())];

    [Fact]
    public async Task Fields_carry_their_label_unit_default_range_and_help()
    {
        var form = await RenderAsync("Risk");

        var markup = form.Markup;
        Assert.Contains("Largest position, % of equity", markup);
        Assert.Contains("Default 10% · 0.1% to 100% · applies to the next decision.", markup);
        Assert.Contains("A buy is refused when the symbol", markup);
        Assert.DoesNotContain(">MaxPositionPct<", markup);
    }

    [Fact]
    public async Task A_percent_limit_is_a_slider_over_its_range_beside_its_number()
    {
        var form = await RenderAsync("Risk");

        var slider = form.Find("input[type='range'][data-testid='slider-Risk-MaxPositionPct']");
        Assert.Equal(("0.1", "100", "10"), (slider.GetAttribute("min"), slider.GetAttribute("max"), slider.GetAttribute("value")));
        Assert.Equal("10", form.Find("input[data-testid='setting-Risk-MaxPositionPct']").GetAttribute("value"));
    }

    [Fact]
    public async Task Moving_the_slider_sets_the_number_and_the_summary_says_what_changes_and_when()
    {
        var form = await RenderAsync("Risk");

        form.Find("input[type='range'][data-testid='slider-Risk-MaxPositionPct']").Input("5");
        Assert.Equal("5", form.Find("input[data-testid='setting-Risk-MaxPositionPct']").GetAttribute("value"));
        await SaveAsync(form, "Risk");

        Assert.Equal(["Largest position 10% → 5%: applies to the next decision"], SummaryLines(form));
        Assert.Equal("10", _h.Configuration["Risk:MaxPositionPct"]); // nothing saved before Confirm
        await form.Find("[data-testid='confirm-Risk']").ClickAsync(new());

        Assert.Equal("5", _h.Configuration["Risk:MaxPositionPct"]);
        Assert.Equal(("10", "5"), Assert.Single(await _h.Service.GetHistoryAsync(null, 10, None)) is var c ? (c.OldValue, c.NewValue) : default);
        Assert.Empty(form.FindAll("[data-testid='change-summary-Risk']"));
    }

    [Fact]
    public async Task Cancel_on_the_summary_saves_nothing_and_keeps_the_edit()
    {
        var form = await RenderAsync("Risk");
        form.Find("input[type='range'][data-testid='slider-Risk-MaxExposurePct']").Input("50");
        await SaveAsync(form, "Risk");

        await form.Find("[data-testid='cancel-Risk']").ClickAsync(new());

        Assert.Empty(form.FindAll("[data-testid='change-summary-Risk']"));
        Assert.Equal("30", _h.Configuration["Risk:MaxExposurePct"]);
        Assert.Empty(await _h.Store.GetAllAsync(None));
        Assert.Equal("50", form.Find("input[data-testid='setting-Risk-MaxExposurePct']").GetAttribute("value"));
    }

    [Fact]
    public async Task A_duration_is_shown_and_typed_as_a_duration()
    {
        var form = await RenderAsync("Llm");
        var input = form.Find("input[data-testid='setting-Llm-TimeoutSeconds']");
        Assert.Equal("20 s", input.GetAttribute("value"));

        input.Change("2 min");
        await SaveAsync(form, "Llm");

        Assert.Equal(["Model timeout 20 s → 2 min: applies to the next model call"], SummaryLines(form));
        await form.Find("[data-testid='confirm-Llm']").ClickAsync(new());
        Assert.Equal("120", _h.Configuration["Llm:TimeoutSeconds"]);
    }

    [Fact]
    public async Task Text_that_is_not_a_duration_is_refused_under_the_field()
    {
        var form = await RenderAsync("Alerts");

        form.Find("input[data-testid='setting-Alerts-GroupWindow']").Change("soon");

        Assert.Contains("'soon' is not a duration", form.Markup);
        await SaveAsync(form, "Alerts");
        Assert.Empty(form.FindAll("[data-testid='change-summary-Alerts']"));
        Assert.Empty(await _h.Store.GetAllAsync(None));
    }

    [Fact]
    public async Task Replace_then_confirm_stores_a_secret_and_the_summary_never_shows_it()
    {
        var form = await RenderAsync("Alerts");

        await form.Find("[data-testid='secret-replace-Alerts-SlackWebhookUrl']").ClickAsync(new());
        form.Find("input[data-testid='setting-Alerts-SlackWebhookUrl']").Input("https://hooks.example/very-secret");
        await SaveAsync(form, "Alerts");

        Assert.Equal(["Slack webhook replaced: applies to the next alert"], SummaryLines(form));
        Assert.DoesNotContain("very-secret", form.Find("[data-testid='change-summary-Alerts']").TextContent);
        await form.Find("[data-testid='confirm-Alerts']").ClickAsync(new());
        Assert.Equal("https://hooks.example/very-secret", _h.Configuration["Alerts:SlackWebhookUrl"]);
        Assert.Equal("set", form.Find("[data-testid='secret-state-Alerts-SlackWebhookUrl']").TextContent.Trim());
    }

    [Fact]
    public async Task Clear_removes_a_saved_secret_after_confirm()
    {
        var form = await RenderAsync("Alerts");
        await _h.SaveAsync("Alerts", ("SmtpPassword", "hunter2"));
        form = _ctx.Render<SettingsForm>(p => p.Add(f => f.Category, SettingsHarness.Category("Alerts")));
        Assert.Equal("set", form.Find("[data-testid='secret-state-Alerts-SmtpPassword']").TextContent.Trim());

        await form.Find("[data-testid='secret-clear-Alerts-SmtpPassword']").ClickAsync(new());
        Assert.Equal("will be cleared", form.Find("[data-testid='secret-state-Alerts-SmtpPassword']").TextContent.Trim());
        await SaveAsync(form, "Alerts");
        Assert.Equal(["SMTP password cleared: applies to the next alert"], SummaryLines(form));
        await form.Find("[data-testid='confirm-Alerts']").ClickAsync(new());

        Assert.True(string.IsNullOrEmpty(_h.Configuration["Alerts:SmtpPassword"]));
        Assert.Equal("not set", form.Find("[data-testid='secret-state-Alerts-SmtpPassword']").TextContent.Trim());
    }

    [Fact]
    public async Task The_watchlist_is_chips_that_add_a_valid_symbol_and_remove_one()
    {
        var form = await RenderAsync("Trading");
        Assert.Equal(4, form.FindAll("[data-testid^='chip-Trading-Watchlist-']").Count);

        form.Find("input[data-testid='chip-input-Trading-Watchlist']").Input(" brk.b ");
        await form.Find("[data-testid='chip-add-Trading-Watchlist']").ClickAsync(new());
        await form.Find("[data-testid='chip-Trading-Watchlist-NVDA'] .mud-chip-close-button").ClickAsync(new());
        await SaveAsync(form, "Trading");

        Assert.Equal(["Watchlist AAPL, MSFT, NVDA, SPY → AAPL, MSFT, SPY, BRK.B: applies from the next cycle"], SummaryLines(form));
        await form.Find("[data-testid='confirm-Trading']").ClickAsync(new());
        Assert.Equal(["AAPL", "MSFT", "SPY", "BRK.B"], Enumerable.Range(0, 4).Select(i => _h.Configuration[$"Trading:Watchlist:{i}"] ?? ""));
    }

    [Theory]
    [InlineData("not a symbol")]
    [InlineData("$SPY")]
    [InlineData("ABCDEFGHIJKLMN")]
    public async Task A_chip_that_is_not_a_ticker_symbol_is_refused_with_the_apis_rule(string typed)
    {
        var form = await RenderAsync("Trading");

        form.Find("input[data-testid='chip-input-Trading-Watchlist']").Input(typed);
        await form.Find("[data-testid='chip-add-Trading-Watchlist']").ClickAsync(new());

        Assert.Contains($"'{typed}' is not a ticker symbol (letters, digits, '.', '-', at most 12).", form.Markup);
        Assert.Equal(4, form.FindAll("[data-testid^='chip-Trading-Watchlist-']").Count);
    }

    [Fact]
    public async Task History_shows_the_settings_label_and_values_in_their_unit()
    {
        await RenderAsync("Risk");
        var change = Assert.Single((await _h.SaveAsync("Risk", ("MaxPositionPct", "5"))).Changes);

        var page = _ctx.Render<HistoryPage>();

        Assert.Contains("Largest position, % of equity", page.Find($"[data-testid='setting-{change.Id}']").TextContent);
        Assert.Contains("Risk:MaxPositionPct", page.Find($"[data-testid='setting-{change.Id}']").TextContent);
        Assert.Equal("10% → 5%", page.Find($"[data-testid='change-{change.Id}']").TextContent.Trim());
    }
}
