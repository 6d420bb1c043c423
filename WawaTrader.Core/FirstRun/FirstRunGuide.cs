using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.FirstRun;

/// <summary>
/// Where a new user stands, step by step: the market and broker in use (simulated and paper on the embedded defaults), the
/// agent's first decision, whether a model has answered or Alpaca is in use, and the newest backtest.
/// </summary>
public sealed record FirstRunProgress(
    FirstRunState State, string Market, string Broker, Guid? FirstDecisionId, bool ModelAnswers, bool AlpacaInUse, Guid? LatestBacktestId)
{
    /// <summary>The market and broker are the built-in simulation and paper broker.</summary>
    public bool Simulated => Market == "Simulated" && Broker == "Paper";

    /// <summary>Step 2 is done: the agent has made a decision.</summary>
    public bool DecisionMade => FirstDecisionId is not null;

    /// <summary>Step 3 is done: a model has answered or Alpaca is the market or the broker.</summary>
    public bool Connected => ModelAnswers || AlpacaInUse;

    /// <summary>Step 4 is done: a backtest exists.</summary>
    public bool BacktestRun => LatestBacktestId is not null;
}

/// <summary>Reads the first-run tour's progress from the stores and the services in use; a read per call, nothing cached.</summary>
public sealed class FirstRunGuide(
    IFirstRunStore store, IDecisionJournal journal, IBacktestStore backtests, LlmHealth llm, IMarketData market, IBroker broker)
{
    /// <summary>The first-run state as stored (recording it on the first call).</summary>
    public Task<FirstRunState> GetStateAsync(CancellationToken cancellationToken) => store.GetAsync(cancellationToken);

    /// <summary>Remembers the tour as dismissed.</summary>
    public Task<FirstRunState> DismissAsync(DateTime time, CancellationToken cancellationToken) => store.DismissTourAsync(time, cancellationToken);

    public async Task<FirstRunProgress> GetProgressAsync(CancellationToken cancellationToken)
    {
        var state = await store.GetAsync(cancellationToken);
        // Newest first: the total tells which page of one holds the oldest.
        var newest = await journal.QueryDecisionsAsync(new DecisionQuery(PageSize: 1), cancellationToken);
        var first = newest.TotalCount <= 1 ? newest.Items.FirstOrDefault()
            : (await journal.QueryDecisionsAsync(new DecisionQuery(Page: newest.TotalCount - 1, PageSize: 1), cancellationToken)).Items.FirstOrDefault();
        var latestBacktest = (await backtests.ListAsync(1, cancellationToken)).FirstOrDefault();
        var inner = broker is Alerts.MonitoredBroker monitored ? monitored.Inner : broker;
        return new FirstRunProgress(state, market.Name, inner.Name, first?.Id,
            llm.Current.State is LlmHealthState.Online or LlmHealthState.Degraded,
            market.Name.StartsWith("Alpaca", StringComparison.Ordinal) || inner.Name.StartsWith("Alpaca", StringComparison.Ordinal),
            latestBacktest?.Id);
    }
}
