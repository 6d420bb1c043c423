using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Pages;

/// <summary>
/// The live view of the agent: loads the portfolio and the latest decisions once, then follows the engine's events
/// (decisions are prepended, portfolio updates refresh the cards and gauges). The charts load and follow their own data.
/// Events are applied in batches, at most once per <see cref="RenderInterval"/>: with 500 symbols the engine publishes hundreds
/// of decisions a second, and one render (and one diff sent to the browser) per decision would keep the circuit busy.
/// The agent picker switches to a read-only view of another agent sharing the database, or of all of them.
/// </summary>
public sealed partial class Dashboard : ViewerClockComponent, IDisposable
{
    /// <summary>Decisions kept in memory and shown, newest first.</summary>
    public const int MaxDecisions = 50;

    /// <summary>Shortest time between two renders caused by the engine's events.</summary>
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);

    [Inject] private AgentEventHub Hub { get; set; } = null!;
    [Inject] private AgentControl Agent { get; set; } = null!;
    [Inject] private PortfolioService Portfolio { get; set; } = null!;
    [Inject] private IDecisionJournal Journal { get; set; } = null!;
    [Inject] private IOptionsMonitor<RiskOptions> Risk { get; set; } = null!;
    [Inject] private ILogger<Dashboard> Logger { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private Api.AgentViews Views { get; set; } = null!;

    private readonly CancellationTokenSource _cts = new();
    private readonly List<DecisionRecord> _decisions = [];
    private readonly ConcurrentQueue<AgentEvent> _pending = new();
    private Throttle? _render;
    private IDisposable? _subscription;
    private PortfolioSnapshot? _portfolio;
    private CycleFailed? _lastFailure;
    private string? _portfolioError;
    private string? _journalError;
    private bool _loaded;
    private Api.AgentView? _other; // another agent's (or all) read-only view; null for this agent's own dashboard

    protected override async Task OnInitializedAsync()
    {
        // Subscribe first: events that arrive while loading are applied and merged, never lost.
        _render = new Throttle(Time, RenderInterval, () => InvokeAsync(ApplyPending));
        _subscription = Hub.Subscribe(OnAgentEvent);
        var ct = _cts.Token;
        await LoadPortfolioAsync(ct);
        await LoadHistoryAsync(ct);
        _loaded = true;
    }

    private async Task LoadPortfolioAsync(CancellationToken ct)
    {
        try
        {
            var current = Portfolio.Latest ?? await Portfolio.GetCurrentAsync(ct);
            if (_portfolio is null || current.Time > _portfolio.Time) _portfolio = current;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "Dashboard could not read the portfolio");
            _portfolioError = ex.Message;
        }
    }

    private async Task LoadHistoryAsync(CancellationToken ct)
    {
        try
        {
            var decisions = await Journal.GetDecisionsAsync(null, MaxDecisions, ct);
            MergeDecisions(decisions);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "Dashboard could not read the decision journal");
            _journalError = ex.Message;
        }
    }

    /// <summary>Called on the engine's thread: only queues the event and asks for a batch on the circuit.</summary>
    private void OnAgentEvent(AgentEvent agentEvent)
    {
        _pending.Enqueue(agentEvent);
        _render?.Request();
    }

    /// <summary>Applies every queued event (consecutive decisions as one merge, the latest published first), then renders once.</summary>
    private void ApplyPending()
    {
        var decisions = new List<DecisionRecord>();
        while (_pending.TryDequeue(out var agentEvent))
        {
            if (agentEvent is DecisionMade made) decisions.Insert(0, made.Decision);
            else
            {
                MergeDecisions(decisions); // in order: an order update finds the decision it belongs to
                decisions.Clear();
                Apply(agentEvent);
            }
        }
        MergeDecisions(decisions);
        StateHasChanged();
    }

    private void Apply(AgentEvent agentEvent)
    {
        try
        {
            switch (agentEvent)
            {
                case OrderUpdated updated:
                    var index = _decisions.FindIndex(d => d.Id == updated.Order.DecisionId);
                    if (index >= 0) _decisions[index] = _decisions[index] with { Order = updated.Order };
                    break;
                case PortfolioUpdated portfolio:
                    _portfolio = portfolio.Portfolio;
                    _portfolioError = null;
                    break;
                case CycleFailed failed:
                    _lastFailure = failed;
                    break;
            }
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Dashboard failed to apply {EventType}", agentEvent.GetType().Name);
        }
    }

    /// <summary>Adds decisions not already shown, keeps newest first and at most <see cref="MaxDecisions"/>.</summary>
    private void MergeDecisions(IEnumerable<DecisionRecord> decisions)
    {
        // Of a large batch only the newest can be shown.
        var fresh = decisions.OrderByDescending(d => d.Time).Take(MaxDecisions).Where(d => !_decisions.Exists(x => x.Id == d.Id)).ToList();
        if (fresh.Count == 0) return;
        // New ones go in front and the sort is stable, so among equal times a live decision lands on top
        // and a loaded batch keeps the journal's order.
        var ordered = fresh.Concat(_decisions).OrderByDescending(d => d.Time).Take(MaxDecisions).ToList();
        _decisions.Clear();
        _decisions.AddRange(ordered);
    }

    private void ToggleAgent()
    {
        if (Agent.IsRunning) Agent.Stop();
        else Agent.Start();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _render?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
