using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// Turns the engine's events (<see cref="AgentEventHub"/>) and the model's health (<see cref="LlmHealth"/>) into alerts, each
/// type switched by its <see cref="AlertsOptions"/> flag: fills (at most one per order), refusals by a rule or the broker, the
/// daily-loss limit and a P&amp;L move beyond <see cref="AlertsOptions.PnlChangePct"/> (once per New York day and direction),
/// agent halted and resumed, model, broker and database failures, each "offline" followed by its "back". Handlers only build
/// the alert and call <see cref="AlertManager.Publish"/>, which returns at once; a handler that fails is logged, never thrown into the engine.
/// The daily summary is <see cref="DailySummary"/>'s.
/// </summary>
public sealed class AlertSources(
    AgentEventHub hub,
    AlertManager alerts,
    IBroker broker,
    IOptionsMonitor<AlertsOptions> options,
    IOptionsMonitor<RiskOptions> risk,
    TimeProvider time,
    ILogger<AlertSources> logger,
    LlmHealth? llmHealth = null) : IHostedService
{
    private const int RememberedDecisions = 512;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, string> _reasoning = [];
    private readonly Queue<Guid> _reasoningOrder = new();
    private readonly HashSet<string> _alertedOrders = new(StringComparer.Ordinal);
    private readonly Queue<string> _alertedOrder = new();
    private IDisposable? _subscription;
    private bool _halted, _modelOffline;
    private DateOnly _lossDay, _upDay, _downDay;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = hub.Subscribe(OnEvent);
        if (llmHealth is not null) llmHealth.Changed += OnModelHealth;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        if (llmHealth is not null) llmHealth.Changed -= OnModelHealth;
        return Task.CompletedTask;
    }

    /// <summary>Handles one engine event (public so a test can feed events without a hub).</summary>
    public void OnEvent(AgentEvent agentEvent)
    {
        try
        {
            var o = options.CurrentValue;
            var now = time.GetUtcNow().UtcDateTime;
            switch (agentEvent)
            {
                case DecisionMade { Decision: var d }:
                    Remember(d);
                    if (o.OrderRejected && !d.Approved && d.Action != Analysis.TradeAction.Hold && AlertBuilders.RuleRejection(d, now) is { } refused) alerts.Publish(refused);
                    break;
                case OrderUpdated { Order: var order }:
                    OnOrder(order, o, now);
                    break;
                case PortfolioUpdated { Portfolio: var p }:
                    OnPortfolio(p, o, now);
                    break;
                case AgentStateChanged { State: AgentState.Halted, Reason: var reason }:
                    if (Flip(ref _halted, true) && o.AgentHalted) alerts.Publish(AlertBuilders.AgentHalted(reason, now));
                    break;
                case AgentStateChanged { State: AgentState.Running, Reason: var reason }:
                    if (Flip(ref _halted, false) && o.AgentHalted) alerts.Publish(AlertBuilders.AgentResumed(reason, now));
                    break;
                case BrokerReachabilityChanged { Reachable: false, Error: var error }:
                    if (o.BrokerOffline) alerts.Publish(AlertBuilders.BrokerOffline(broker.Name, error, now));
                    break;
                case BrokerReachabilityChanged { Reachable: true }:
                    if (o.BrokerOffline) alerts.Publish(AlertBuilders.BrokerRecovered(broker.Name, now));
                    break;
                case DatabaseWriteFailed { Operation: var operation, Error: var error }:
                    if (o.DatabaseFailure) alerts.Publish(AlertBuilders.DatabaseFailure(operation, error, now));
                    break;
                case Persistence.Fallback.JournalStateChanged { State: not Persistence.Fallback.JournalState.Database, Reason: var reason }:
                    // The write did not fail for the caller (it went to the fallback file, or the agent halted), but it did not reach the database.
                    if (o.DatabaseFailure) alerts.Publish(AlertBuilders.DatabaseFailure("write", reason, now));
                    break;
            }
        }
        catch (Exception ex)
        {
            Log.SourceFailed(logger, ex, agentEvent.GetType().Name);
        }
    }

    private void OnOrder(OrderRecord order, AlertsOptions o, DateTime now)
    {
        if (order.Status == OrderStatus.Filled && o.OrderFilled)
        {
            var value = order.Fills.Sum(f => f.Price * f.Quantity);
            if (value < o.MinOrderValue || !FirstTime($"{order.ClientOrderId}:filled")) return;
            string? reasoning;
            lock (_gate) reasoning = _reasoning.GetValueOrDefault(order.DecisionId);
            alerts.Publish(AlertBuilders.Trade(order, reasoning, now));
        }
        else if (order.Status == OrderStatus.Rejected && o.OrderRejected && FirstTime($"{order.ClientOrderId}:rejected"))
        {
            alerts.Publish(AlertBuilders.BrokerRejection(order, now));
        }
    }

    private void OnPortfolio(Portfolio.PortfolioSnapshot p, AlertsOptions o, DateTime now)
    {
        if (p.DayStartEquity <= 0) return;
        var day = MarketClock.NewYorkDate(now);
        var pct = (double)p.DayPnlPct;
        var limit = risk.CurrentValue.MaxDailyLossPct;
        if (o.DailyLossLimit && pct <= -limit && Once(ref _lossDay, day)) alerts.Publish(AlertBuilders.DailyLossLimit(p, limit, day, now));
        if (!o.PnlChange) return;
        if (pct >= o.PnlChangePct && Once(ref _upDay, day)) alerts.Publish(AlertBuilders.PnlChange(p, o.PnlChangePct, day, now));
        if (pct <= -o.PnlChangePct && Once(ref _downDay, day)) alerts.Publish(AlertBuilders.PnlChange(p, o.PnlChangePct, day, now));
    }

    private void OnModelHealth(LlmHealthSnapshot health)
    {
        try
        {
            var o = options.CurrentValue;
            var now = time.GetUtcNow().UtcDateTime;
            var offline = health.State is LlmHealthState.Offline or LlmHealthState.CircuitOpen;
            var online = health.State is LlmHealthState.Online or LlmHealthState.Degraded;
            if (offline && Flip(ref _modelOffline, true) && o.ModelOffline) alerts.Publish(AlertBuilders.ModelOffline(health.State.ToString(), health.LastError, now));
            else if (online && Flip(ref _modelOffline, false) && o.ModelOffline) alerts.Publish(AlertBuilders.ModelRecovered(health.State.ToString(), now));
        }
        catch (Exception ex)
        {
            Log.SourceFailed(logger, ex, nameof(LlmHealth));
        }
    }

    /// <summary>Keeps the one-line reasoning of a decision that can have an order (an approved Buy or Sell) for its fill's alert.
    /// Holds and refusals are not kept: with a watchlist of hundreds they would push a trade's reasoning out before its fill, and
    /// each kept line would outlive its cycle only to become garbage in the oldest generation.</summary>
    private void Remember(DecisionRecord decision)
    {
        if (!decision.Approved || decision.Action == Analysis.TradeAction.Hold) return;
        lock (_gate)
        {
            if (!_reasoning.TryAdd(decision.Id, AlertBuilders.OneLine(decision.Reasoning))) return;
            _reasoningOrder.Enqueue(decision.Id);
            if (_reasoningOrder.Count > RememberedDecisions) _reasoning.Remove(_reasoningOrder.Dequeue());
        }
    }

    /// <summary>True the first time <paramref name="key"/> is seen (among the last few hundred).</summary>
    private bool FirstTime(string key)
    {
        lock (_gate)
        {
            if (!_alertedOrders.Add(key)) return false;
            _alertedOrder.Enqueue(key);
            if (_alertedOrder.Count > RememberedDecisions) _alertedOrders.Remove(_alertedOrder.Dequeue());
            return true;
        }
    }

    /// <summary>Sets <paramref name="state"/> to <paramref name="value"/>; true when it changed.</summary>
    private bool Flip(ref bool state, bool value)
    {
        lock (_gate)
        {
            if (state == value) return false;
            state = value;
            return true;
        }
    }

    /// <summary>True the first time on <paramref name="day"/>.</summary>
    private bool Once(ref DateOnly last, DateOnly day)
    {
        lock (_gate)
        {
            if (last == day) return false;
            last = day;
            return true;
        }
    }
}
