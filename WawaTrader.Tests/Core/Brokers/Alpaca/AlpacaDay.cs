using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Risk;
using WawaTrader.Tests.Core.Trading;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>The real trading cycle (sizer, risk manager, journal, scripted market and analyst) sending to the Alpaca broker of
/// <paramref name="harness"/>, on a fake clock two hours into <see cref="Bars.DefaultStart"/>'s day.</summary>
internal sealed class AlpacaDay
{
    private static CancellationToken Ct => CancellationToken.None;

    private AlpacaDay(AlpacaBrokerHarness harness, IDecisionJournal journal, FakeTimeProvider time, ScriptedMarket market, ScriptedAnalyst analyst,
        TradingCycle cycle, AgentEventHub hub)
    {
        (Harness, Journal, Time, Market, Analyst, Cycle, Hub) = (harness, journal, time, market, analyst, cycle, hub);
    }

    public AlpacaBrokerHarness Harness { get; }
    public IDecisionJournal Journal { get; }
    public FakeTimeProvider Time { get; }
    public ScriptedMarket Market { get; }
    public ScriptedAnalyst Analyst { get; }
    public TradingCycle Cycle { get; }
    public AgentEventHub Hub { get; }

    public static AlpacaDay Build(AlpacaBrokerHarness harness, IDecisionJournal journal, params string[] watchlist)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(Bars.DefaultStart.AddHours(2)));
        var trading = new TestOptionsMonitor<TradingOptions>(new TradingOptions { Watchlist = watchlist, HistoryBars = 60, PositionSizePct = 5 });
        var hub = new AgentEventHub(NullLogger<AgentEventHub>.Instance);
        var market = new ScriptedMarket();
        var analyst = new ScriptedAnalyst();
        var cycle = new TradingCycle(market, analyst, new PositionSizer(), new RiskManager(new TestOptionsMonitor<RiskOptions>(new RiskOptions())),
            harness.Broker, journal, new PortfolioService(harness.Broker, journal, time), hub, trading, time, NullLogger<TradingCycle>.Instance);
        return new AlpacaDay(harness, journal, time, market, analyst, cycle, hub);
    }

    /// <summary>The order of the latest decision of <paramref name="symbol"/> that made one, as our journal has it now.</summary>
    public async Task<OrderRecord> LastOrderAsync(string symbol) =>
        (await Journal.GetDecisionsAsync(symbol, 100, Ct)).First(d => d.Order is not null).Order!;

    public async Task<string> ClientOrderIdOfLastOrderAsync(string symbol) => (await LastOrderAsync(symbol)).ClientOrderId;

    /// <summary>Our recorded fills per symbol (signed shares) and the cash they leave of <paramref name="startingCash"/>.</summary>
    public async Task<(Dictionary<string, decimal> Positions, decimal Cash)> OursAsync(decimal startingCash)
    {
        var trades = await Journal.GetTradesAsync(1_000, Ct);
        var positions = trades.GroupBy(t => t.Symbol).ToDictionary(g => g.Key, g => g.Sum(t => t.Side == OrderSide.Buy ? t.Quantity : -t.Quantity));
        return (positions, startingCash - trades.Sum(t => (t.Side == OrderSide.Buy ? 1 : -1) * t.Quantity * t.Price));
    }
}
