using Microsoft.AspNetCore.Components;
using MudBlazor;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Components.Decisions;

namespace WawaTrader.Web.Components.Pages;

/// <summary>
/// The fills of the orders sent in a range of days, and the round trips they closed. Round trips are matched over every
/// fill up to the end of the range (so a position opened before the range is paired correctly), then kept when their
/// closing order is in the range.
/// </summary>
public sealed partial class Trades : ComponentBase, IDisposable
{
    /// <summary>Most fills read for one view.</summary>
    public const int MaxFills = 20_000;

    [Inject] private IDecisionJournal Journal { get; set; } = null!;
    [Inject] private ILogger<Trades> Logger { get; set; } = null!;

    private readonly CancellationTokenSource _cts = new();
    private DateRange _range = new();
    private IReadOnlyList<TradeRecord> _fills = [];
    private IReadOnlyList<RoundTrip> _roundTrips = [];
    private int _openLots;
    private string? _error;
    private bool _loaded;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task OnRangeChangedAsync(DateRange range)
    {
        _range = range;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var ct = _cts.Token;
        var from = DecisionFilter.Day(_range.Start);
        var to = DecisionFilter.Day(_range.End)?.AddDays(1);
        try
        {
            var inRange = await ReadAsync(Journal.StreamTradesAsync(from, to, ct));
            var history = from is null ? inRange : await ReadAsync(Journal.StreamTradesAsync(null, to, ct));
            var result = RoundTrips.Match(history);
            var orders = inRange.Select(t => t.ClientOrderId).ToHashSet(StringComparer.Ordinal);
            _roundTrips = result.Closed.Where(r => orders.Contains(r.ExitOrderId)).Reverse().ToList();
            _openLots = result.Open.Count;
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
