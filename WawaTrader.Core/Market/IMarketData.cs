namespace WawaTrader.Core.Market;

/// <summary>
/// A source of bars for the watchlist: the edge between the engine and a market (simulated, CSV replay, Alpaca).
/// All lists are oldest first and hold closed bars only.
/// </summary>
public interface IMarketData
{
    /// <summary>Short name shown in the UI ("Simulated", "Csv").</summary>
    string Name { get; }

    /// <summary>The data feed the bars come from (Alpaca's <c>iex</c> or <c>sip</c>), recorded with each decision; null for a
    /// market without feeds (simulated, CSV).</summary>
    string? Feed => null;

    /// <summary>The symbols this source can serve.</summary>
    IReadOnlyList<string> Symbols { get; }

    /// <summary>The most recent <paramref name="count"/> closed bars (fewer if the source has fewer), oldest first.</summary>
    Task<IReadOnlyList<Bar>> GetHistoryAsync(string symbol, int count, CancellationToken cancellationToken);

    /// <summary>Closed bars whose <see cref="Bar.Time"/> is strictly after <paramref name="after"/>, oldest first; empty when none is new.</summary>
    Task<IReadOnlyList<Bar>> GetBarsSinceAsync(string symbol, DateTime after, CancellationToken cancellationToken);
}
