using Microsoft.Extensions.Options;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Web.Api;

/// <summary>Alpaca as the app last found it: whether the Trading API answers (null before the first request), since when it
/// fails and why, whether the market is open and when it opens next (from Alpaca's clock), and the last reconciliation.</summary>
public sealed record AlpacaConnectionDto(
    bool? Answering, DateTime? LastAnswer, DateTime? FailingSince, string? LastError, bool? MarketOpen, DateTime? NextOpen, DateTime? NextClose,
    DateTime? LastReconciliation, int ReconciliationEvents);

/// <summary>Alpaca's Market Data API as the last bars requests (or the health check's probe) found it: the feed, whether it answers
/// (null before the first request), since when it fails and why.</summary>
public sealed record AlpacaMarketDataDto(string Feed, bool? Answering, DateTime? LastAnswer, DateTime? FailingSince, string? LastError);

/// <summary>Which broker and market the agent uses (the market's name carries the Alpaca feed), whether real money is traded
/// (<see cref="LiveMoney"/>: Broker=Alpaca on a live endpoint with Alpaca:AllowLive), Alpaca's state when the broker is Alpaca, and
/// its Market Data API's (<see cref="AlpacaMarketData"/>) when the market is. Never holds a key.</summary>
public sealed record ConnectionDto(string Broker, string Market, string? Feed, bool LiveMoney, AlpacaConnectionDto? Alpaca)
{
    /// <summary>Alpaca's Market Data API with <c>Trading:Market=Alpaca</c>; null with another market.</summary>
    public AlpacaMarketDataDto? AlpacaMarketData { get; init; }

    public static ConnectionDto From(IServiceProvider services)
    {
        var broker = services.GetRequiredService<IBroker>();
        var market = services.GetRequiredService<IMarketData>();
        var alpaca = services.GetService<IOptionsMonitor<AlpacaOptions>>()?.CurrentValue;
        var feed = market.Name.StartsWith("Alpaca", StringComparison.Ordinal) ? alpaca?.Feed.ToLowerInvariant() : null;
        var data = feed is not null && services.GetService<AlpacaDataStatus>() is { } d
            ? new AlpacaMarketDataDto(feed, d.Answering, d.LastAnswer, d.FailingSince, d.LastError)
            : null;
        var inner = broker is WawaTrader.Core.Alerts.MonitoredBroker monitored ? monitored.Inner : broker; // the alerts' wrapper
        if (inner is not AlpacaBroker) return new ConnectionDto(broker.Name, market.Name, feed, false, null) { AlpacaMarketData = data };
        var status = services.GetRequiredService<AlpacaStatus>();
        var clock = services.GetService<AlpacaWatchdog>()?.LastClock;
        var log = services.GetService<ReconciliationLog>();
        return new ConnectionDto(broker.Name, market.Name, feed, IsLiveMoney(alpaca),
            new AlpacaConnectionDto(status.Answering, status.LastAnswer, status.FailingSince, status.LastError, clock?.IsOpen, clock?.NextOpen, clock?.NextClose,
                log?.LastRun, log?.Events.Count ?? 0)) { AlpacaMarketData = data };
    }

    /// <summary>True when orders go to a live (real money) Alpaca endpoint, which only Alpaca:AllowLive=true permits.</summary>
    public static bool IsLiveMoney(AlpacaOptions? options) => options is { AllowLive: true, IsLive: true };
}
