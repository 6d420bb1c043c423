using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WawaTrader.Core.Brokers;
using WawaTrader.Web.Components.Layout;

namespace WawaTrader.Tests.Web.Components.Layout;

public sealed class LiveMoneyBannerTests
{
    private static BunitContext Context(Dictionary<string, string?> settings)
    {
        var ctx = new BunitContext();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLogging().AddSingleton<IPaperLedgerStore, InMemoryPaperLedgerStore>().AddBrokers(configuration);
        return ctx;
    }

    [Fact]
    public async Task Shows_live_money_when_the_alpaca_broker_trades_a_live_endpoint_allowed_by_allow_live()
    {
        await using var ctx = Context(new()
        {
            ["Trading:Broker"] = "Alpaca", ["Alpaca:TradingUrl"] = "https://api.alpaca.markets", ["Alpaca:AllowLive"] = "true",
            ["Alpaca:KeyId"] = "id", ["Alpaca:SecretKey"] = "secret",
        });

        var banner = ctx.Render<LiveMoneyBanner>();

        Assert.Contains("LIVE MONEY", banner.Find("[data-testid=live-money-banner]").TextContent);
    }

    [Theory]
    [InlineData("Alpaca", "https://paper-api.alpaca.markets")]
    [InlineData("Paper", "https://api.alpaca.markets")]
    public async Task Shows_nothing_on_paper(string broker, string tradingUrl)
    {
        await using var ctx = Context(new()
        {
            ["Trading:Broker"] = broker, ["Alpaca:TradingUrl"] = tradingUrl, ["Alpaca:AllowLive"] = "true",
            ["Alpaca:KeyId"] = "id", ["Alpaca:SecretKey"] = "secret",
        });

        var banner = ctx.Render<LiveMoneyBanner>();

        Assert.Empty(banner.FindAll("[data-testid=live-money-banner]"));
    }
}
