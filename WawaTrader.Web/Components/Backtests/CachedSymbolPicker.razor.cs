using System.Globalization;
using Microsoft.AspNetCore.Components;
using WawaTrader.Core.Market;

namespace WawaTrader.Web.Components.Backtests;

/// <summary>
/// Picks symbols from the database's bar cache (what <c>bars list</c> and <c>GET /api/bars</c> show): a multi-select whose items
/// give each symbol's date range and bar count. Without a cache (or with an empty one) it says how to fill it.
/// </summary>
public sealed partial class CachedSymbolPicker : ComponentBase
{
    [Inject] private IServiceProvider Services { get; set; } = null!;
    [Inject] private ILogger<CachedSymbolPicker> Logger { get; set; } = null!;

    /// <summary>The chosen symbols.</summary>
    [Parameter] public IReadOnlyCollection<string> Selected { get; set; } = [];

    [Parameter] public EventCallback<IReadOnlyCollection<string>> SelectedChanged { get; set; }

    /// <summary>The data-testid of the select (its items and the empty note derive from it).</summary>
    [Parameter] public string TestId { get; set; } = "bt-symbols";

    private IReadOnlyList<CachedSymbol> _symbols = [];
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        if (Services.GetService(typeof(IBarCache)) is not IBarCache cache) return;
        try
        {
            _symbols = await cache.ListAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "The bar cache could not be listed");
            _error = $"The bar cache could not be read: {ex.Message}";
        }
    }

    private Task OnChangedAsync(IEnumerable<string>? values) =>
        SelectedChanged.InvokeAsync([.. values ?? []]);

    /// <summary><c>SPY · 2017-01-03 – 2018-12-31 · 502 bars</c> (times shown when the bars are intraday).</summary>
    internal static string Describe(CachedSymbol s)
    {
        var format = s.First.TimeOfDay == TimeSpan.Zero && s.Last.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm";
        return string.Create(CultureInfo.InvariantCulture, $"{s.Symbol} · {s.First.ToString(format, CultureInfo.InvariantCulture)} – {s.Last.ToString(format, CultureInfo.InvariantCulture)} · {s.Count:N0} bars");
    }
}
