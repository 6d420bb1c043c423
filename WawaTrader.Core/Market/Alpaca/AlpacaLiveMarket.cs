using Microsoft.Extensions.Options;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>
/// The live market of <c>Trading:Market=Alpaca</c>: the watchlist's bars of <see cref="AlpacaOptions.BarTimeframe"/> from Alpaca's
/// Market Data API v2 (<see cref="AlpacaHistoricalBars"/>, feed <see cref="AlpacaOptions.Feed"/>), closed bars only: an intraday bar
/// once its period has ended (wall time from the injected <see cref="TimeProvider"/>), a daily bar once its New York date is past.
/// History reaches back far enough for <c>count</c> bars across nights, weekends and holidays (a session is 6.5 of 24 hours).
/// The feed is part of <see cref="Name"/>, so the dashboard and the API show it: IEX volume is a small part of the tape.
/// </summary>
public sealed class AlpacaLiveMarket(AlpacaHistoricalBars history, IOptionsMonitor<AlpacaOptions> options, IOptions<TradingOptions> trading,
    TimeProvider time) : IMarketData
{
    /// <summary>"Alpaca (iex)" or "Alpaca (sip)": the feed the bars come from.</summary>
    public string Name => $"Alpaca ({Feed})";

    /// <summary>The feed the bars come from, lower case.</summary>
    public string Feed => options.CurrentValue.Feed.ToLowerInvariant();

    public IReadOnlyList<string> Symbols => trading.Value.Watchlist;

    public async Task<IReadOnlyList<Bar>> GetHistoryAsync(string symbol, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return [];
        var frame = Frame();
        var now = time.GetUtcNow().UtcDateTime;
        var span = AlpacaTimeframes.IsDaily(frame)
            ? TimeSpan.FromDays(AlpacaTimeframes.Duration(frame).TotalDays * count * 1.5 + 10)
            : TimeSpan.FromTicks(AlpacaTimeframes.Duration(frame).Ticks * count * 4) + TimeSpan.FromDays(5); // 24 h / 6.5 h < 4, plus a long weekend
        var bars = await history.GetBarsBetweenAsync(symbol, frame, Whole(now - span), Whole(now), cancellationToken).ConfigureAwait(false);
        var closed = Closed(bars, frame, now);
        return closed.Count <= count ? closed : closed.Skip(closed.Count - count).ToList();
    }

    public async Task<IReadOnlyList<Bar>> GetBarsSinceAsync(string symbol, DateTime after, CancellationToken cancellationToken)
    {
        var frame = Frame();
        var now = time.GetUtcNow().UtcDateTime;
        if (after >= now) return [];
        var start = after == DateTime.MinValue ? now - TimeSpan.FromDays(5) : after;
        var bars = await history.GetBarsBetweenAsync(symbol, frame, Whole(start), Whole(now), cancellationToken).ConfigureAwait(false);
        return Closed(bars, frame, now).Where(b => b.Time > after).ToList();
    }

    private string Frame() => AlpacaTimeframes.Normalize(options.CurrentValue.BarTimeframe) ?? AlpacaTimeframes.Minute;

    private static List<Bar> Closed(Bar[] bars, string frame, DateTime now)
    {
        if (AlpacaTimeframes.IsDaily(frame))
        {
            var today = MarketClock.NewYorkDate(now).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var period = AlpacaTimeframes.Duration(frame);
            return bars.Where(b => b.Time + period <= today).ToList();
        }
        var duration = AlpacaTimeframes.Duration(frame);
        return bars.Where(b => b.Time + duration <= now).ToList();
    }

    /// <summary>The instant truncated to whole seconds (Alpaca's time parameters carry no fractions here).</summary>
    private static DateTime Whole(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
