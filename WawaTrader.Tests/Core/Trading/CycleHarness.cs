using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Brokers;
using WawaTrader.Tests.Core.Risk;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>
/// A <see cref="TradingCycle"/> built from the real parts: the real paper broker over an in-memory ledger (behind a
/// <see cref="RecordingBroker"/>), the real sizer and risk manager with default limits, the in-memory journal, a scripted
/// market and a fake clock (or a journal the test gives). The analyst is the real <see cref="TechnicalAnalyst"/> unless a test gives one. Every event the
/// hub publishes is collected. <see cref="Restart"/> rebuilds broker, portfolio and cycle over the same ledger and journal,
/// as a process restart does.
/// </summary>
internal sealed class CycleHarness
{
    /// <summary>Wall time when a test starts.</summary>
    public static readonly DateTimeOffset Start = new(2024, 1, 2, 15, 30, 0, TimeSpan.Zero);

    /// <summary>Paper costs: 10 bps slippage, half a cent a share.</summary>
    public static readonly PaperOptions Paper = new() { InitialCash = 100_000m, SlippageBps = 10m, CommissionPerShare = 0.005m };

    private readonly ConcurrentQueue<AgentEvent> _events = new();

    public CycleHarness(IAnalyst? analyst, params string[] watchlist) : this(new InMemoryDecisionJournal(), analyst, watchlist)
    {
    }

    /// <summary>A harness whose cycle records into <paramref name="journal"/> (a real database's, say) instead of the in-memory one.</summary>
    public CycleHarness(IDecisionJournal journal, IAnalyst? analyst, params string[] watchlist)
    {
        Journal = journal;
        Analyst = analyst ?? new TechnicalAnalyst(new TechnicalAnalystOptions());
        Trading = new TestOptionsMonitor<TradingOptions>(new TradingOptions
        {
            Watchlist = watchlist,
            HistoryBars = 60,
            PositionSizePct = 5,
            IntervalSeconds = 5,
            StartOnLaunch = false,
        });
        Hub = new AgentEventHub(NullLogger<AgentEventHub>.Instance);
        Hub.Subscribe(_events.Enqueue);
        Agent = new AgentControl(Hub, Time);
        Cycle = Restart();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public ScriptedMarket Market { get; } = new();

    public IAnalyst Analyst { get; }

    public IDecisionJournal Journal { get; }

    public InMemoryPaperLedgerStore Store { get; } = new();

    public TestOptionsMonitor<RiskOptions> Risk { get; } = new(new RiskOptions());

    public TestOptionsMonitor<TradingOptions> Trading { get; }

    public AgentEventHub Hub { get; }

    /// <summary>The agent's state the cycle reads (whether only new orders are halted); stopped until a test changes it.</summary>
    public AgentControl Agent { get; }

    public PaperBroker PaperBroker { get; private set; } = null!;

    public RecordingBroker Broker { get; private set; } = null!;

    public PortfolioService Portfolio { get; private set; } = null!;

    public TradingCycle Cycle { get; private set; }

    /// <summary>Whether the cycle built by the next <see cref="Restart"/> keeps its decisions without an order behind it, as the live
    /// agent does (<see cref="TradingCycle.RecordsBehind"/>; off by default).</summary>
    public bool RecordsBehind { get; set; }

    /// <summary>Where the cycle built by the next <see cref="Restart"/> resumes (none by default).</summary>
    public IResumePointSource? Resume { get; set; }

    public IReadOnlyCollection<AgentEvent> Events => _events;

    /// <summary>A new broker (over the same ledger), portfolio service and cycle; they become the current ones.</summary>
    public TradingCycle Restart()
    {
        PaperBroker = new PaperBroker(Store, new FixedOptionsMonitor<PaperOptions>(Paper), Time, NullLogger<PaperBroker>.Instance);
        Broker = new RecordingBroker(PaperBroker, Journal);
        Portfolio = new PortfolioService(Broker, Journal, Time);
        return Cycle = new TradingCycle(Market, Analyst, new PositionSizer(), new RiskManager(Risk), Broker, Journal, Portfolio, Hub,
            Trading, Time, NullLogger<TradingCycle>.Instance, Resume, agent: Agent, recordsBehind: RecordsBehind);
    }

    /// <summary>Publishes 60 flat one-minute bars at <paramref name="price"/> for <paramref name="symbol"/> and returns them.</summary>
    public Bar[] ServeHistory(string symbol, double price = 100)
    {
        var bars = Bars.Flat(price, 60);
        Market.Publish(symbol, bars);
        return bars;
    }

    public Task<CycleResult> RunAsync() => Cycle.RunOnceAsync(CancellationToken.None);

    public List<T> EventsOf<T>() where T : AgentEvent => [.. _events.OfType<T>()];

    public Task<IReadOnlyList<DecisionRecord>> DecisionsAsync() => Journal.GetDecisionsAsync(null, 1_000, CancellationToken.None);

    public async Task<OrderRecord> OrderOfAsync(Guid decisionId) =>
        (await Journal.GetDecisionAsync(decisionId, CancellationToken.None))?.Order
        ?? throw new InvalidOperationException($"decision {decisionId} has no order");
}
