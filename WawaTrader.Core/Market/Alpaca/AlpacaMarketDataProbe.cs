using System.Globalization;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>What <see cref="AlpacaMarketDataProbe"/> found: whether Alpaca's Market Data API answers, the feed, and why (in one sentence).</summary>
public sealed record AlpacaMarketDataState(bool Answers, string Feed, string Description);

/// <summary>
/// Does Alpaca's Market Data API answer (<c>Trading:Market=Alpaca</c>)? An answer within <see cref="ProbeAfter"/> (the agent reads
/// bars every cycle, <see cref="AlpacaDataStatus"/>) is taken as it is; otherwise one small request asks (the first watchlist
/// symbol's daily bars of the last five days, feed <see cref="AlpacaOptions.Feed"/>), bounded by <see cref="ProbeTimeout"/>. An answer
/// that refuses the request (an unknown symbol) still counts as answering; no answer, a 5xx after the retries, or keys refused
/// do not. Time from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class AlpacaMarketDataProbe(AlpacaHistoricalBars bars, AlpacaDataStatus status, IOptionsMonitor<AlpacaOptions> options,
    IOptionsMonitor<TradingOptions> trading, TimeProvider time)
{
    /// <summary>An answer this recent is not asked for again.</summary>
    public static readonly TimeSpan ProbeAfter = TimeSpan.FromSeconds(30);

    /// <summary>How long the probe waits for an answer (less than a health check's own timeout, so the reason is ours).</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(4);

    public async Task<AlpacaMarketDataState> CheckAsync(CancellationToken cancellationToken)
    {
        var feed = options.CurrentValue.Feed.ToLowerInvariant();
        var api = $"Alpaca's Market Data API (feed {feed})";
        var now = time.GetUtcNow().UtcDateTime;
        if (status.Answering == true && status.LastAnswer is { } last && now - last <= ProbeAfter)
            return new(true, feed, $"{api} answered {Seconds(now - last)} s ago.");

        var symbol = trading.CurrentValue.Watchlist.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? "SPY";
        using var timeout = new CancellationTokenSource(ProbeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await bars.GetBarsBetweenAsync(symbol, AlpacaTimeframes.Day, now.AddDays(-5), now, linked.Token).ConfigureAwait(false);
            return new(true, feed, $"{api} answers.");
        }
        catch (AlpacaException ex) when (ex.Failure is AlpacaFailure.Rejected or AlpacaFailure.InvalidResponse)
        {
            return new(true, feed, $"{api} answers, but refused the probe for {symbol}: {ex.Message}");
        }
        catch (AlpacaException ex)
        {
            var since = status.FailingSince is { } failing ? $" since {failing:yyyy-MM-dd HH:mm:ss} UTC" : "";
            return new(false, feed, $"{api} does not answer{since}: {ex.Message}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new(false, feed, $"{api} did not answer within {Seconds(ProbeTimeout)} s{(status.LastError is { } error ? $" (last error: {error})" : "")}.");
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
