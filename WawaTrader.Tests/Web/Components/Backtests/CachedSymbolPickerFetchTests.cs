using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Tests.Core.Market.Alpaca;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Fakes;
using WawaTrader.Tests.Web.Components.DecisionPages;
using WawaTrader.Web.Components.Backtests;

namespace WawaTrader.Tests.Web.Components.Backtests;

public sealed class CachedSymbolPickerFetchTests
{
    private static readonly Bar[] Spy = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));

    private static BunitContext Context(TempDatabase database, FakeAlpacaDataServer server, Dictionary<string, string?>? overrides = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AlpacaHarness.Settings(server, overrides)).Build();
        return PageContext.Create(services: s => s.AddSingleton(database.BarCache).AddAlpacaMarketData(configuration));
    }

    [Fact]
    public async Task Fetching_from_alpaca_fills_the_cache_and_refreshes_the_list()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        await using var database = await TempDatabase.CreateMigratedAsync();
        await using var ctx = Context(database, server);
        var cut = ctx.Render<CachedSymbolPicker>();
        cut.WaitForAssertion(() => Assert.Contains("fetch some from Alpaca", cut.Find("[data-testid=bt-symbols-empty]").TextContent), PageContext.Wait);

        await SetAsync(cut, "Symbols", "spy");
        await SetAsync(cut, "From (yyyy-MM-dd)", "2017-01-01");
        await SetAsync(cut, "To (yyyy-MM-dd, empty: today)", "2018-12-31");
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-symbols-fetch-run]").Click());

        cut.WaitForAssertion(() => Assert.Contains($"SPY: {Spy.Length} added", cut.Find("[data-testid=bt-symbols-fetch-result]").TextContent), PageContext.Wait);
        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<MudSelect<string>>()), PageContext.Wait);
        Assert.Equal(Spy, await database.BarCache.GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, CancellationToken.None));
    }

    [Fact]
    public async Task A_bad_date_is_shown_on_its_field_and_nothing_is_asked()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        await using var database = await TempDatabase.CreateMigratedAsync();
        await using var ctx = Context(database, server);
        var cut = ctx.Render<CachedSymbolPicker>();

        await SetAsync(cut, "Symbols", "SPY");
        await SetAsync(cut, "From (yyyy-MM-dd)", "last year");
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-symbols-fetch-run]").Click());

        cut.WaitForAssertion(() => Assert.Contains("from 'last year' is not a date", string.Concat(Field(cut, "From (yyyy-MM-dd)").Nodes.Select(n => n.TextContent))), PageContext.Wait);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_alpaca_failure_is_shown_with_its_message()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Enqueue(new AlpacaReply.Error(422, "invalid symbol: ZZ"));
        await using var database = await TempDatabase.CreateMigratedAsync();
        await using var ctx = Context(database, server);
        var cut = ctx.Render<CachedSymbolPicker>();

        await SetAsync(cut, "Symbols", "ZZ");
        await SetAsync(cut, "From (yyyy-MM-dd)", "2018-01-01");
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-symbols-fetch-run]").Click());

        cut.WaitForAssertion(() => Assert.Contains("invalid symbol: ZZ", cut.Find("[data-testid=bt-symbols-fetch-result]").TextContent), PageContext.Wait);
    }

    [Fact]
    public async Task Without_keys_there_is_no_fetch_form()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        await using var database = await TempDatabase.CreateMigratedAsync();
        await using var ctx = Context(database, server, new() { ["Alpaca:KeyId"] = null });

        var cut = ctx.Render<CachedSymbolPicker>();

        cut.WaitForAssertion(() => Assert.Contains("bars import --csv FILE", cut.Find("[data-testid=bt-symbols-empty]").TextContent), PageContext.Wait);
        Assert.Empty(cut.FindAll("[data-testid=bt-symbols-fetch-run]"));
    }

    private static IRenderedComponent<MudTextField<string>> Field(IRenderedComponent<CachedSymbolPicker> cut, string label) =>
        cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label);

    private static Task SetAsync(IRenderedComponent<CachedSymbolPicker> cut, string label, string value)
    {
        var field = Field(cut, label);
        return cut.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(value));
    }
}
