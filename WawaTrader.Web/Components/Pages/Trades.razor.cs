using Microsoft.AspNetCore.Components;
using MudBlazor;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Pages;

/// <summary>
/// The fills of the orders sent in a range of days, and the round trips they closed. Round trips are matched over every
/// fill up to the end of the range (so a position opened before the range is paired correctly), then kept when their
/// closing order is in the range. The agent picker (or <c>?agent=NAME|all</c>) shows another agent's trades, or every agent's
/// (each agent's round trips matched within its own fills).
/// </summary>
public sealed partial class Trades : ComponentBase, IDisposable
{
    /// <summary>Most fills read for one view.</summary>
    public const int MaxFills = 20_000;

    [Inject] private IDecisionJournal Journal { get; set; } = null!;
    [Inject] private ILogger<Trades> Logger { get; set; } = null!;
    [Inject] private Api.AgentViews Views { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "agent")] public string? AgentQuery { get; set; }

    private readonly CancellationTokenSource _cts = new();
    private DateRange _range = new();
    private IReadOnlyList<TradeRecord> _fills = [];
    private IReadOnlyList<RoundTrip> _roundTrips = [];
    private int _openLots;
    private string? _error;
    private bool _loaded;
    private Api.AgentView? _view; // another agent's (or every agent's) read-only view; null for this agent's own journal

    protected override Task OnInitializedAsync()
    {
        _view = AgentPicker.ViewOf(Views, AgentQuery);
        return LoadAsync();
    }

    private async Task OnViewChangedAsync(Api.AgentView? view)
    {
        _view = view;
        await LoadAsync();
    }

    private async Task OnRangeChangedAsync(DateRange range)
    {
        _range = range;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var ct = _cts.Token;
        // UTC days, as the export links beside the picker (scripts use them too) and as the picker says.
        var from = ViewerClock.Utc.StartOf(_range.Start);
        var to = ViewerClock.Utc.EndOf(_range.End);
        var journal = _view?.Journal ?? Journal;
        try
        {
            var inRange = await ReadAsync(journal.StreamTradesAsync(from, to, ct));
            var history = from is null ? inRange : await ReadAsync(journal.StreamTradesAsync(null, to, ct));
            // Each agent's own book: one agent's sell never closes another's buy.
            var results = history.GroupBy(t => t.Agent, StringComparer.Ordinal).Select(RoundTrips.Match).ToList();
            var orders = inRange.Select(t => t.ClientOrderId).ToHashSet(StringComparer.Ordinal);
            _roundTrips = results.SelectMany(r => r.Closed).Where(r => orders.Contains(r.ExitOrderId))
                .OrderBy(r => r.ExitTime).Reverse().ToList();
            _openLots = results.Sum(r => r.Open.Count);
            _fills = inRange.AsEnumerable().Reverse().ToList();
            _error = null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "Trades page could not read the journal");
            _error = ex.Message;
        }
        _loaded = true;
    }

    private static async Task<List<TradeRecord>> ReadAsync(IAsyncEnumerable<TradeRecord> trades)
    {
        var list = new List<TradeRecord>();
        await foreach (var trade in trades)
        {
            list.Add(trade);
            if (list.Count >= MaxFills) break;
        }
        return list;
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
