using Microsoft.AspNetCore.Components;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Pages;

/// <summary>How each model and prompt version has done (<see cref="LlmInteractionStoreExtensions.GetScorecardAsync"/>), with a horizon and a start day.</summary>
public sealed partial class LlmScorecard : ComponentBase, IDisposable
{
    /// <summary>The calibration horizons offered, in bars.</summary>
    public static readonly int[] Horizons = [1, 3, 5, 10, 20, 50];

    [Inject] private ILlmInteractionStore Store { get; set; } = null!;
    [Inject] private ILogger<LlmScorecard> Logger { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "horizon")] public int? HorizonQuery { get; set; }

    private readonly CancellationTokenSource _cts = new();
    private Core.Analysis.Llm.LlmScorecard? _scorecard;
    private int _horizon = LlmScorecardCalculator.DefaultHorizonBars;
    private DateTime? _since;
    private string? _error;

    protected override Task OnInitializedAsync()
    {
        if (HorizonQuery is { } h && Horizons.Contains(h)) _horizon = h;
        return LoadAsync();
    }

    private async Task OnHorizonChangedAsync(int bars)
    {
        _horizon = bars;
        await LoadAsync();
    }

    private async Task OnSinceChangedAsync(DateTime? day)
    {
        _since = day;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var ct = _cts.Token;
        try
        {
            _scorecard = await Store.GetScorecardAsync(ViewerClock.Utc.StartOf(_since), _horizon, ct);
            _error = null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "Scorecard page could not read the interactions");
            _error = ex.Message;
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
