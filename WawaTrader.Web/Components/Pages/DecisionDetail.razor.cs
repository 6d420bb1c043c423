using Microsoft.AspNetCore.Components;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Pages;

/// <summary>
/// One decision and everything that led to it: the reasoning, the technical analyst's view, each risk rule, the model's
/// prompt, raw answer and parsed verdict, the indicator snapshot, the order and its fills.
/// </summary>
public sealed partial class DecisionDetail : ViewerClockComponent, IDisposable
{
    [Inject] private IDecisionJournal Journal { get; set; } = null!;
    [Inject] private ILogger<DecisionDetail> Logger { get; set; } = null!;
    [Inject] private IServiceProvider Services { get; set; } = null!;

    [Parameter] public Guid Id { get; set; }

    private readonly CancellationTokenSource _cts = new();
    private DecisionRecord? _decision;
    private string? _error;
    private bool _loaded;
    private Guid _loadedId;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded && _loadedId == Id) return;
        _loaded = false;
        _error = null;
        try
        {
            // This agent's, else another agent's sharing the database (opened from the dashboard's agent picker; ids are unique).
            _decision = await Journal.GetDecisionAsync(Id, _cts.Token)
                ?? (Services.GetService<WawaTrader.Core.Persistence.EfDecisionJournal>() is { } database
                    ? await database.ForAgent(null).GetDecisionAsync(Id, _cts.Token)
                    : null);
        }
        catch (Exception ex) when (!_cts.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "Decision {DecisionId} could not be read", Id);
            _error = ex.Message;
        }
        _loadedId = Id;
        _loaded = true;
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
