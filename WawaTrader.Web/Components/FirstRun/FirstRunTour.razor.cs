using Microsoft.AspNetCore.Components;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.FirstRun;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Components.FirstRun;

/// <summary>
/// The dashboard's first-run tour. Reads the progress once, then again when the agent decides or the model answers (so steps tick
/// live); a backtest step ticks on the next visit (the example opens its result page). Dismissal is stored and final. Renders
/// nothing without a <see cref="FirstRunGuide"/> (a host without persistence) or once the tour is not to be shown.
/// </summary>
public sealed partial class FirstRunTour : ComponentBase, IDisposable
{
    [Inject] private IServiceProvider Services { get; set; } = null!;
    [Inject] private AgentEventHub Hub { get; set; } = null!;
    [Inject] private LlmHealth Llm { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private ILogger<FirstRunTour> Logger { get; set; } = null!;

    private readonly CancellationTokenSource _cts = new();
    private FirstRunGuide? _guide;
    private FirstRunProgress? _progress;
    private IDisposable? _subscription;
    private bool _starting;
    private int _refreshQueued; // 1 while a refresh is queued and not started
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        _guide = Services.GetService<FirstRunGuide>();
        if (_guide is null) return;
        await RefreshAsync();
        if (_progress is not { State.ShowsTour: true }) return;
        _subscription = Hub.Subscribe(e =>
        {
            if (e is DecisionMade && _progress is { DecisionMade: false }) RequestRefresh();
        });
        Llm.Changed += OnModelChanged;
    }

    /// <summary>Only an answering model ticks the "connected" step: a failed call (each refused call of an outage raises
    /// Changed) changes nothing the tour shows, so it reads nothing.</summary>
    private void OnModelChanged(LlmHealthSnapshot snapshot)
    {
        if (_progress is { Connected: false } && snapshot.State is LlmHealthState.Online or LlmHealthState.Degraded) RequestRefresh();
    }

    /// <summary>Reads the progress again and renders, once for any number of requests made before the read starts (the agent's
    /// first cycle publishes hundreds of decisions at once; each read queries the journal).</summary>
    private void RequestRefresh()
    {
        if (Interlocked.Exchange(ref _refreshQueued, 1) == 1) return;
        _ = InvokeAsync(() =>
        {
            Volatile.Write(ref _refreshQueued, 0); // a request from now on reads again after this read
            return RefreshAndRenderAsync();
        });
    }

    private async Task RefreshAndRenderAsync()
    {
        await RefreshAsync();
        StateHasChanged();
    }

    private async Task RefreshAsync()
    {
        try
        {
            var progress = await _guide!.GetProgressAsync(_cts.Token);
            // A read that started before a dismissal must not bring the tour back.
            if (_progress is not { State.TourDismissedAt: not null }) _progress = progress;
        }
        catch (Exception ex) when (!_cts.IsCancellationRequested)
        {
            // The tour is a help, not a control: when the database cannot say, it stays away and the dashboard's own banners speak.
            Logger.LogWarning(ex, "The first-run tour could not read its progress");
        }
    }

    private async Task RunExampleAsync()
    {
        _starting = true;
        _error = null;
        try
        {
            var (run, _) = await Services.GetRequiredService<ExampleBacktest>().StartAsync(_cts.Token);
            Navigation.NavigateTo($"backtests/{run.Id}");
        }
        catch (Exception ex) when (!_cts.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "The example backtest could not start");
            _error = ex.Message;
        }
        finally
        {
            _starting = false;
        }
    }

    /// <summary>Hides the tour at once (the render before the first await), then stores it; shown again with the error when the store fails.</summary>
    private async Task DismissAsync()
    {
        var shown = _progress!;
        var now = Time.GetUtcNow().UtcDateTime;
        _progress = shown with { State = shown.State with { TourDismissedAt = now } };
        try
        {
            _progress = shown with { State = await _guide!.DismissAsync(now, _cts.Token) };
        }
        catch (Exception ex) when (!_cts.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "The first-run tour could not be dismissed");
            _progress = shown;
            _error = $"The tour could not be dismissed: {ex.Message}";
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        Llm.Changed -= OnModelChanged;
        _cts.Cancel();
        _cts.Dispose();
    }
}
