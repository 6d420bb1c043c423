namespace WawaTrader.Core.FirstRun;

/// <summary>
/// Whether the database was new when the app first started on it (<see cref="FreshDatabase"/>: no decision and no backtest yet)
/// and when the first-run tour was dismissed (wall time, UTC; null while it is not).
/// </summary>
public sealed record FirstRunState(bool FreshDatabase, DateTime? TourDismissedAt)
{
    /// <summary>The tour is shown on a database that started empty, until it is dismissed.</summary>
    public bool ShowsTour => FreshDatabase && TourDismissedAt is null;
}

/// <summary>Where the first-run state is kept (the one row of <c>first_run</c>), so a dismissed tour stays dismissed.</summary>
public interface IFirstRunStore
{
    /// <summary>
    /// The state; the first call on a database records it: fresh when the database holds no decision and no backtest (called at
    /// start-up, before the agent's first decision, so an existing history never gets the tour).
    /// </summary>
    Task<FirstRunState> GetAsync(CancellationToken cancellationToken);

    /// <summary>Remembers that the tour was dismissed at <paramref name="time"/> (wall time, UTC); dismissing again keeps the first time.</summary>
    Task<FirstRunState> DismissTourAsync(DateTime time, CancellationToken cancellationToken);
}
