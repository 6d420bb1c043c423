using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Core.Market;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>What one cycle records for observability: its instruments, the market's freshness and the decision's log scope.</summary>
public sealed class TradingCycleMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CycleHarness _h = new(null, "SPY");
    private readonly FakeLogger<TradingCycle> _logger = new();
    private readonly TradingMetrics _metrics;
    private readonly MarketFreshness _freshness;
    private readonly TradingCycle _cycle;

    public TradingCycleMetricsTests()
    {
        _metrics = new TradingMetrics(Meters, _h.Time);
        _freshness = new MarketFreshness(_h.Time);
        var portfolio = new PortfolioService(_h.Broker, _h.Journal, _h.Time, _metrics);
        _cycle = new TradingCycle(_h.Market, _h.Analyst, new PositionSizer(), new RiskManager(_h.Risk), _h.Broker, _h.Journal, portfolio,
            _h.Hub, _h.Trading, _h.Time, _logger, metrics: _metrics, freshness: _freshness);
    }

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task A_cycle_counts_its_decision_the_symbols_it_analysed_and_the_broker_requests_it_made()
    {
        using var decisions = Collect<long>(TradingMetricNames.Decisions);
        using var symbols = Collect<int>(TradingMetricNames.CycleSymbols);
        using var broker = Collect<double>(TradingMetricNames.BrokerRequestDuration);
        using var equity = Collect<double>(TradingMetricNames.Equity);
        _h.ServeHistory("SPY");

        await _cycle.RunOnceAsync(CancellationToken.None);
        equity.RecordObservableInstruments();

        var decision = Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Equal("Technical", decision.Tags["source"]);
        Assert.Equal(1, Assert.Single(symbols.GetMeasurementSnapshot()).Value);
        Assert.Contains(broker.GetMeasurementSnapshot(), m => Equals(m.Tags["operation"], BrokerOperations.GetAccount));
        Assert.Equal((double)CycleHarness.Paper.InitialCash, equity.LastMeasurement!.Value);
    }

    [Fact]
    public async Task A_cycle_marks_the_newest_bar_it_received_as_fresh()
    {
        var bars = _h.ServeHistory("SPY");

        await _cycle.RunOnceAsync(CancellationToken.None);

        Assert.Equal((bars[^1].Time, _h.Time.GetUtcNow()), _freshness.Newest);
    }

    [Fact]
    public async Task The_decision_is_logged_in_a_scope_carrying_its_id_and_symbol()
    {
        _h.ServeHistory("SPY");

        await _cycle.RunOnceAsync(CancellationToken.None);

        var id = Assert.Single(await _h.DecisionsAsync()).Id;
        var recorded = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 1000);
        var scope = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(Assert.Single(recorded.Scopes)).ToDictionary();
        Assert.Equal(id, scope["DecisionId"]);
        Assert.Equal("SPY", scope["Symbol"]);
    }

    public void Dispose() => _services.Dispose();

    private MetricCollector<T> Collect<T>(string instrument) where T : struct => new(Meters, TradingMetrics.MeterName, instrument, _h.Time);
}
