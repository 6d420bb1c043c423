using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Brokers;

/// <summary>
/// Builds a paper broker over an in-memory ledger and feeds it daily bars (one day apart per symbol), so a test reads as
/// "bar at open/close, buy, bar, assert". <see cref="Restart"/> builds a second broker over the same store.
/// </summary>
internal sealed class PaperHarness
{
    public static readonly DateTime FirstBarTime = new(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, DateTime> _lastBarTime = new(StringComparer.Ordinal);

    public PaperHarness(PaperOptions options, IPaperLedgerStore? store = null, ILogger<PaperBroker>? logger = null)
    {
        Options = options;
        Store = store ?? new InMemoryPaperLedgerStore();
        Logger = logger ?? NullLogger<PaperBroker>.Instance;
        Broker = Restart();
    }

    public PaperOptions Options { get; }

    public IPaperLedgerStore Store { get; }

    public ILogger<PaperBroker> Logger { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 1, 2, 15, 0, 0, TimeSpan.Zero));

    public PaperBroker Broker { get; private set; }

    /// <summary>Options with no slippage and no commission unless given.</summary>
    public static PaperOptions Costs(decimal cash = 100_000m, decimal slippageBps = 0m, decimal commissionPerShare = 0m) =>
        new() { InitialCash = cash, SlippageBps = slippageBps, CommissionPerShare = commissionPerShare };

    /// <summary>A new broker over the same store and clock, as after a process restart; it becomes <see cref="Broker"/>.</summary>
    public PaperBroker Restart() => Broker = new PaperBroker(Store, new FixedOptionsMonitor<PaperOptions>(Options), Time, Logger);

    /// <summary>The time the next bar of <paramref name="symbol"/> will carry (one day after its last one).</summary>
    public DateTime NextBarTime(string symbol) =>
        _lastBarTime.TryGetValue(symbol, out var last) ? last.AddDays(1) : FirstBarTime;

    /// <summary>Sends the next bar of <paramref name="symbol"/> and returns it.</summary>
    public async Task<Bar> BarAsync(string symbol, decimal open, decimal close)
    {
        var bar = new Bar(NextBarTime(symbol), (double)open, (double)Math.Max(open, close), (double)Math.Min(open, close), (double)close, 1_000_000);
        _lastBarTime[symbol] = bar.Time;
        await Broker.OnBarAsync(symbol, bar, CancellationToken.None);
        return bar;
    }

    public Task<BrokerOrder> BuyAsync(string clientOrderId, string symbol, decimal quantity) =>
        Broker.SubmitOrderAsync(new OrderRequest(clientOrderId, symbol, OrderSide.Buy, quantity), CancellationToken.None);

    public Task<BrokerOrder> SellAsync(string clientOrderId, string symbol, decimal quantity) =>
        Broker.SubmitOrderAsync(new OrderRequest(clientOrderId, symbol, OrderSide.Sell, quantity), CancellationToken.None);

    public Task<BrokerAccount> AccountAsync() => Broker.GetAccountAsync(CancellationToken.None);

    public async Task<BrokerOrder> OrderAsync(string clientOrderId) =>
        await Broker.GetOrderAsync(clientOrderId, CancellationToken.None) ?? throw new InvalidOperationException($"order {clientOrderId} not found");
}

/// <summary>An options monitor that always returns the same instance (the paper broker reads <c>CurrentValue</c> per fill).</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
