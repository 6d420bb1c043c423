using Microsoft.AspNetCore.Components;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Web.Components.Llm;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Pages;

/// <summary>
/// The model calls recorded with their decisions, newest first, filtered in the database (<see cref="ILlmInteractionStore.QueryAsync"/>).
/// A row expands to the prompt, raw answer and parsed verdict; its link opens the decision.
/// </summary>
public sealed partial class LlmInteractions : ViewerClockComponent, IDisposable
{
    /// <summary>Most interactions shown at once.</summary>
    public const int Limit = 200;

    [Inject] private ILlmInteractionStore Store { get; set; } = null!;
    [Inject] private ILogger<LlmInteractions> Logger { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "symbol")] public string? SymbolQuery { get; set; }
    [SupplyParameterFromQuery(Name = "model")] public string? ModelQuery { get; set; }
    [SupplyParameterFromQuery(Name = "outcome")] public string? OutcomeQuery { get; set; }

    private readonly CancellationTokenSource _cts = new();
    private readonly HashSet<Guid> _expanded = [];
    private InteractionFilter _filter = new();
    private IReadOnlyList<LlmInteraction> _interactions = [];
    private string? _error;
    private bool _loaded;

    private string CountText => _interactions.Count >= Limit
        ? $"Showing the newest {Limit}; narrow the filters to see older ones."
        : $"{_interactions.Count} interaction(s)";

    protected override Task OnInitializedAsync()
    {
        _filter = new InteractionFilter(SymbolQuery, ModelQuery,
            Enum.TryParse<LlmOutcome>(OutcomeQuery, ignoreCase: true, out var outcome) ? outcome : null);
        return LoadAsync();
    }

    private async Task OnFilterChangedAsync(InteractionFilter filter)
    {
        _filter = filter;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var ct = _cts.Token;
        try
        {
            _interactions = await Store.QueryAsync(_filter.ToQuery(Limit, C), ct);
            _error = null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "Interactions page could not query the store");
            _error = ex.Message;
        }
        _loaded = true;
    }

    private void Toggle(Guid id)
    {
        if (!_expanded.Remove(id)) _expanded.Add(id);
    }

    private static string Tokens(LlmInteraction i) => i.PromptTokens is null && i.CompletionTokens is null
        ? "n/a"
        : $"{i.PromptTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} / {i.CompletionTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
