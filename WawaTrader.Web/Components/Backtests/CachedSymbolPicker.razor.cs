using System.Globalization;
using Microsoft.AspNetCore.Components;
using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Components.Backtests;

/// <summary>
/// Picks symbols from the database's bar cache (what <c>bars list</c> and <c>GET /api/bars</c> show): a multi-select whose items
/// give each symbol's date range and bar count. Without a cache (or with an empty one) it says how to fill it. When Alpaca keys are
/// configured, a "Fetch from Alpaca" form (symbols, from, to) fills the cache with daily bars as <c>bars fetch</c> does and
/// refreshes the list.
/// </summary>
public sealed partial class CachedSymbolPicker : ComponentBase
{
    [Inject] private IServiceProvider Services { get; set; } = null!;
    [Inject] private ILogger<CachedSymbolPicker> Logger { get; set; } = null!;

    /// <summary>The chosen symbols.</summary>
    [Parameter] public IReadOnlyCollection<string> Selected { get; set; } = [];

    [Parameter] public EventCallback<IReadOnlyCollection<string>> SelectedChanged { get; set; }

    /// <summary>The data-testid of the select (its items, the empty note and the fetch form derive from it).</summary>
    [Parameter] public string TestId { get; set; } = "bt-symbols";

    private IReadOnlyList<CachedSymbol> _symbols = [];
    private string? _error;
    private string? _fetchSymbols;
    private string? _fetchFrom;
    private string? _fetchTo;
    private bool _fetching;
    private bool _fetchFailed;
    private string? _fetchMessage;
    private Dictionary<string, string[]> _fetchErrors = [];

    private IBarCache? Cache => Services.GetService(typeof(IBarCache)) as IBarCache;

    private AlpacaBarImporter? Importer => Services.GetService(typeof(AlpacaBarImporter)) as AlpacaBarImporter;

    /// <summary>A cache to fill and Alpaca keys to fill it with.</summary>
    private bool CanFetch => Cache is not null && Importer is { HasKeys: true };

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        if (Cache is not { } cache) return;
        try
        {
            _symbols = await cache.ListAsync(CancellationToken.None);
            _error = null;
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "The bar cache could not be listed");
            _error = $"The bar cache could not be read: {ex.Message}";
        }
    }

    private async Task FetchAsync()
    {
        if (Cache is not { } cache || Importer is not { } importer) return;
        var symbols = (_fetchSymbols ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (request, errors) = new BarFetchOrder(symbols, _fetchFrom, _fetchTo).Build(Services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System);
        _fetchErrors = errors.GroupBy(e => e.Key.StartsWith("symbols", StringComparison.Ordinal) ? "symbols" : e.Key)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());
        _fetchMessage = null;
        if (request is null) return;
        _fetching = true;
        try
        {
            var results = await importer.ImportAsync(request.Symbols, request.Timeframe, request.From, request.To, cache, CancellationToken.None);
            _fetchFailed = false;
            _fetchMessage = string.Join("; ", results.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Symbol}: {r.Result.Added} added, {r.Result.Updated} replaced, {r.Result.Unchanged} already present")));
            await LoadAsync();
        }
        catch (Exception ex) when (ex is AlpacaException or ArgumentException)
        {
            _fetchFailed = true;
            _fetchMessage = ex.Message;
        }
        finally
        {
            _fetching = false;
        }
    }

    private string? FieldError(string key) => _fetchErrors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private Task OnChangedAsync(IEnumerable<string>? values) =>
        SelectedChanged.InvokeAsync([.. values ?? []]);

    /// <summary><c>SPY · 2017-01-03 – 2018-12-31 · 502 bars</c> (times shown when the bars are intraday).</summary>
    internal static string Describe(CachedSymbol s)
    {
        var format = s.First.TimeOfDay == TimeSpan.Zero && s.Last.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm";
        return string.Create(CultureInfo.InvariantCulture, $"{s.Symbol} · {s.First.ToString(format, CultureInfo.InvariantCulture)} – {s.Last.ToString(format, CultureInfo.InvariantCulture)} · {s.Count:N0} bars{(ExampleHistory.IsSimulated(s.Symbol) ? " · simulated" : "")}");
    }
}
