using System.ComponentModel.DataAnnotations;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>
/// Settings of the Alpaca connection (section <c>Alpaca</c>), shared by the market-data client and the broker. The keys are
/// secrets: set them as environment variables (<c>Alpaca__KeyId</c>, <c>Alpaca__SecretKey</c>, or Alpaca's own <c>APCA_API_KEY_ID</c>,
/// <c>APCA_API_SECRET_KEY</c>) or user secrets, never in
/// appsettings.json; they are never logged, printed or returned by the API. Without keys the app runs as before (simulated market,
/// paper broker); only the Alpaca features refuse, with a message saying which variables to set. On the settings page the keys are
/// write-only secrets; the retry and timeout settings shape the HTTP pipeline, built once, so they apply after a restart.
/// </summary>
public sealed class AlpacaOptions
{
    public const string SectionName = "Alpaca";

    /// <summary>Environment variable (configuration key <c>Alpaca:KeyId</c>) that holds the API key id.</summary>
    public const string KeyIdVariable = "Alpaca__KeyId";

    /// <summary>Environment variable (configuration key <c>Alpaca:SecretKey</c>) that holds the API secret key.</summary>
    public const string SecretKeyVariable = "Alpaca__SecretKey";

    /// <summary>Feeds Alpaca serves: <c>iex</c> (free, IEX exchange only) and <c>sip</c> (all US exchanges, paid).</summary>
    public static IReadOnlyList<string> Feeds { get; } = ["iex", "sip"];

    /// <summary>Corporate-action adjustments of historical prices: <c>raw</c>, <c>split</c>, <c>dividend</c>, <c>all</c> (split and dividend).</summary>
    public static IReadOnlyList<string> Adjustments { get; } = ["raw", "split", "dividend", "all"];

    /// <summary>API key id (header <c>APCA-API-KEY-ID</c>). Secret: from the environment or user secrets.</summary>
    [Display(Name = "Alpaca API key id", ShortName = "Alpaca key id",
        Description = "Your Alpaca API key id; stored encrypted, never shown (or APCA_API_KEY_ID).")]
    [Unit(Units.None)]
    public string? KeyId { get; set; }

    /// <summary>API secret key (header <c>APCA-API-SECRET-KEY</c>). Secret: from the environment or user secrets.</summary>
    [Display(Name = "Alpaca API secret key", ShortName = "Alpaca secret key",
        Description = "Your Alpaca API secret key; stored encrypted, never shown (or APCA_API_SECRET_KEY).")]
    [Unit(Units.None)]
    public string? SecretKey { get; set; }

    /// <summary>Base URL of the Market Data API (absolute http/https).</summary>
    [Display(Name = "Market Data API URL", ShortName = "Alpaca data URL",
        Description = "Base URL of Alpaca's Market Data API.")]
    [Unit(Units.None)]
    [Required]
    public string DataUrl { get; set; } = "https://data.alpaca.markets";

    /// <summary>Base URL of the Trading API (absolute http/https); the paper environment unless set otherwise.</summary>
    [Display(Name = "Trading API URL", ShortName = "Alpaca trading URL",
        Description = "Base URL of Alpaca's Trading API; the paper environment unless live is allowed.")]
    [Unit(Units.None)]
    [Required]
    public string TradingUrl { get; set; } = PaperTradingUrl;

    /// <summary>Market-data feed, one of <see cref="Feeds"/>; <c>iex</c> works with a free account.</summary>
    [Display(Name = "Market data feed", ShortName = "Alpaca feed",
        Description = "iex (free, IEX exchange only) or sip (all US exchanges, paid).")]
    [Unit(Units.None)]
    [Required]
    public string Feed { get; set; } = "iex";

    /// <summary>Price adjustment of historical bars, one of <see cref="Adjustments"/>; <c>all</c> (split and dividend adjusted) suits
    /// backtests, whose returns should not jump at a split.</summary>
    [Display(Name = "Price adjustment", ShortName = "Alpaca adjustment",
        Description = "raw, split, dividend or all (split and dividend adjusted, suits backtests).")]
    [Unit(Units.None)]
    [Required]
    public string Adjustment { get; set; } = "all";

    /// <summary>Retries of a request that failed transiently (429, 5xx, 408, a dropped connection, a timed-out attempt), with
    /// exponential backoff and jitter from <see cref="RetryBaseDelay"/>, or after the server's <c>Retry-After</c> when it sends one.</summary>
    [Display(Name = "Retries of a failed request", ShortName = "Alpaca retries",
        Description = "Retries of a request that failed transiently (429, 5xx, a dropped connection), with backoff.")]
    [Unit(Units.Retries)]
    [Range(0, 10)]
    [AppliesAfterRestart]
    public int MaxRetries { get; set; } = 4;

    /// <summary>Delay before the first retry; doubled for each next one (jittered).</summary>
    [Display(Name = "First retry delay", ShortName = "Alpaca retry delay",
        Description = "Wait before the first retry; doubled for each next one (jittered).")]
    [Unit(Units.Seconds)]
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    [AppliesAfterRestart]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one request attempt may take before it counts as failed (and is retried).</summary>
    [Display(Name = "Time allowed per request", ShortName = "Alpaca request timeout",
        Description = "Time one request attempt may take before it counts as failed and is retried.")]
    [Unit(Units.Seconds)]
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    [AppliesAfterRestart]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Alpaca's own environment variable for the key id, read as its SDKs and CLI do (when <c>Alpaca:KeyId</c> is not set).</summary>
    public const string ApcaKeyIdVariable = "APCA_API_KEY_ID";

    /// <summary>Alpaca's own environment variable for the secret key (when <c>Alpaca:SecretKey</c> is not set).</summary>
    public const string ApcaSecretKeyVariable = "APCA_API_SECRET_KEY";

    /// <summary>The paper Trading API, the default of <see cref="TradingUrl"/>.</summary>
    public const string PaperTradingUrl = "https://paper-api.alpaca.markets";

    /// <summary>Allow a <see cref="TradingUrl"/> that is not the paper endpoint (real money). Off by default: a live URL then
    /// refuses to start.</summary>
    [Display(Name = "Allow live trading (real money)", ShortName = "Allow live",
        Description = "Allow a trading URL that is not the paper endpoint; off, a live URL refuses to start.")]
    [Unit(Units.None)]
    [AppliesAfterRestart]
    public bool AllowLive { get; set; }

    /// <summary>Bar timeframe of the live Alpaca market (<c>Trading:Market=Alpaca</c>), one of <see cref="AlpacaTimeframes.All"/>.</summary>
    [Display(Name = "Bar size of the live market", ShortName = "Bar size",
        Description = "Bar timeframe of the live Alpaca market (1Min, 5Min, 15Min, 1Hour, 1Day).")]
    [Unit(Units.None)]
    [Required]
    [AppliesAfterRestart]
    public string BarTimeframe { get; set; } = AlpacaTimeframes.Minute;

    /// <summary>How long the Trading API may fail to answer before the agent halts new orders (it resumes by itself when
    /// Alpaca answers again and reconciliation has run).</summary>
    [Display(Name = "Halt after the broker is silent for", ShortName = "Halt after",
        Description = "How long the Trading API may fail to answer before new orders halt; trading resumes when it answers.")]
    [Unit(Units.Seconds)]
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HaltAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the broker checks that Alpaca answers and reconciles our records to it while the agent runs.</summary>
    [Display(Name = "Reconcile every", ShortName = "Reconcile every",
        Description = "How often the broker checks that Alpaca answers and reconciles our records to it.")]
    [Unit(Units.Seconds)]
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Send fractional quantities (Alpaca allows them on fractionable assets, market and day orders only). Off: whole shares.</summary>
    [Display(Name = "Fractional shares", ShortName = "Fractional shares",
        Description = "Send fractional quantities (fractionable assets, market and day orders only); off, whole shares.")]
    [Unit(Units.None)]
    public bool AllowFractional { get; set; }

    /// <summary>Allow orders outside the regular session (Alpaca then needs limit orders, time in force day).</summary>
    [Display(Name = "Trade outside the regular session", ShortName = "Extended hours",
        Description = "Allow orders outside the regular session (Alpaca then needs limit orders, day).")]
    [Unit(Units.None)]
    public bool ExtendedHours { get; set; }

    /// <summary>True when <see cref="TradingUrl"/> is not Alpaca's paper endpoint nor a loopback address (a test's fake): real money.</summary>
    public bool IsLive => Uri.TryCreate(TradingUrl, UriKind.Absolute, out var uri) && !uri.IsLoopback
        && !string.Equals(uri.Host, new Uri(PaperTradingUrl).Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when both keys are set (not blank).</summary>
    public bool HasKeys => !string.IsNullOrWhiteSpace(KeyId) && !string.IsNullOrWhiteSpace(SecretKey);
}
