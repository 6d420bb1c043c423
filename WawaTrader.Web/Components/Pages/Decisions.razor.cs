using Microsoft.AspNetCore.Components;
using MudBlazor;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Components.Decisions;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Pages;

/// <summary>
/// Every decision, newest first, paged and filtered in the database (<see cref="IDecisionJournal.QueryDecisionsAsync"/>).
/// The filters start from the query string (<c>?symbol=&amp;action=&amp;approved=&amp;source=&amp;q=</c>); a row opens the decision.
/// The agent picker (or <c>?agent=NAME|all</c>) shows another agent's decisions, or every agent's with whose each one is.
/// </summary>
public sealed partial class Decisions : ViewerClockComponent
{
    private static readonly int[] PageSizes = [25, 50, 100];

    [Inject] private IDecisionJournal Journal { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ILogger<Decisions> Logger { get; set; } = null!;
    [Inject] private Api.AgentViews Views { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "symbol")] public string? SymbolQuery { get; set; }
    [SupplyParameterFromQuery(Name = "action")] public string? ActionQuery { get; set; }
    [SupplyParameterFromQuery(Name = "approved")] public bool? ApprovedQuery { get; set; }
    [SupplyParameterFromQuery(Name = "source")] public string? SourceQuery { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? TextQuery { get; set; }
    [SupplyParameterFromQuery(Name = "agent")] public string? AgentQuery { get; set; }

    private MudTable<DecisionRecord>? _table;
    private DecisionFilter _filter = new();
    private int? _total;
    private string? _error;
    private Api.AgentView? _view; // another agent's (or every agent's) read-only view; null for this agent's own journal

    private bool ShowAgent => _view is { Name: null };

    private string TotalText => _total switch { null => "", 1 => "1 decision", { } n => $"{n:N0} decisions" };

    protected override void OnInitialized()
    {
        _filter = new DecisionFilter(
            Symbol: SymbolQuery,
            Action: Enum.TryParse<TradeAction>(ActionQuery, ignoreCase: true, out var action) ? action : null,
            Approved: ApprovedQuery,
            Source: Enum.TryParse<DecisionSource>(SourceQuery, ignoreCase: true, out var source) ? source : null,
            Text: TextQuery);
        _view = AgentPicker.ViewOf(Views, AgentQuery);
    }

    private async Task<TableData<DecisionRecord>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        try
        {
            var page = await (_view?.Journal ?? Journal).QueryDecisionsAsync(_filter.ToQuery(state.Page, state.PageSize, C), cancellationToken);
            _total = page.TotalCount;
            _error = null;
            return new TableData<DecisionRecord> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "Decisions page could not query the journal");
            _error = ex.Message;
            return new TableData<DecisionRecord> { Items = [], TotalItems = 0 };
        }
    }

    private async Task OnFilterChangedAsync(DecisionFilter filter)
    {
        _filter = filter;
        if (_table is null) return;
        _table.NavigateTo(Page.First);
        await _table.ReloadServerData();
    }

    private async Task OnViewChangedAsync(Api.AgentView? view)
    {
        _view = view;
        if (_table is null) return;
        _table.NavigateTo(Page.First);
        await _table.ReloadServerData();
    }

    private Task OpenAsync(TableRowClickEventArgs<DecisionRecord> args)
    {
        if (args.Item is { } decision) Navigation.NavigateTo($"decisions/{decision.Id}");
        return Task.CompletedTask;
    }
}
