using System.ComponentModel.DataAnnotations;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Market;

namespace WawaTrader.Core.Trading;

/// <summary>What the agent trades and how often. Bound from the <c>Trading</c> section.</summary>
[Applies(SettingApplies.NextCycle)]
public sealed class TradingOptions
{
    public const string SectionName = "Trading";

    /// <summary>The watchlist used when none is configured.</summary>
    public static readonly IReadOnlyList<string> DefaultWatchlist = ["AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "SPY"];

    /// <summary>Symbols the agent analyses. Empty in code on purpose: the configuration binder appends to an initialised
    /// array, so the default is applied after binding (see <c>AddTrading</c>) when nothing was configured.</summary>
    [Display(Name = "Watchlist",
        Description = "The symbols the agent analyses each cycle; at least one.")]
    [Unit(Units.Symbols)]
    [TickerSymbols]
    [MinLength(1)] public string[] Watchlist { get; set; } = [];

    /// <summary><c>Simulated</c> (default), <c>Csv</c>, or <c>Alpaca</c> (live bars from Alpaca's Market Data API).</summary>
    [Display(Name = "Market data source", ShortName = "Market",
        Description = "Simulated (made-up prices), Csv (replays SYMBOL.csv files) or Alpaca (live bars from Alpaca).")]
    [Unit(Units.None)]
    [RegularExpression("^(Simulated|Csv|Alpaca)$", ErrorMessage = "Trading:Market must be Simulated, Csv or Alpaca.")]
    [Configuration.AppliesAfterRestart]
    public string Market { get; set; } = "Simulated";

    /// <summary><c>Paper</c> (the built-in paper broker, default) or <c>Alpaca</c> (Alpaca's Trading API, paper unless allowed live).</summary>
    [Display(Name = "Broker",
        Description = "Paper (the built-in paper broker) or Alpaca (your Alpaca account, paper unless live is allowed).")]
    [Unit(Units.None)]
    [RegularExpression("^(Paper|Alpaca)$", ErrorMessage = "Trading:Broker must be Paper or Alpaca.")]
    [Configuration.AppliesAfterRestart]
    public string Broker { get; set; } = "Paper";

    /// <summary>Wall-clock seconds between two cycles of the agent.</summary>
    [Display(Name = "Time between agent cycles", ShortName = "Cycle interval",
        Description = "Wall-clock time from one pass over the watchlist to the next.")]
    [Unit(Units.Seconds)]
    [Range(0.05, 86_400)] public double IntervalSeconds { get; set; } = 5;

    /// <summary>Start the agent when the app starts.</summary>
    [Display(Name = "Start the agent on launch", ShortName = "Start on launch",
        Description = "Start trading as soon as the app starts; off, it waits for Start on the dashboard.")]
    [Unit(Units.None)]
    [AppliesAfterRestart]
    public bool StartOnLaunch { get; set; } = true;

    /// <summary>Decide only on bars inside the New York regular session (Mon–Fri 09:30–16:00); bars outside it still mark
    /// positions and fill pending orders. Off by default: the simulated market trades around the clock.</summary>
    [Display(Name = "Decide in market hours only", ShortName = "Market hours only",
        Description = "Decide only on bars inside the New York regular session (Mon–Fri 09:30–16:00).")]
    [Unit(Units.None)]
    public bool MarketHoursOnly { get; set; }

    /// <summary>Folder of <c>SYMBOL.csv</c> files for the Csv market.</summary>
    [Display(Name = "CSV folder",
        Description = "Folder of SYMBOL.csv files (Date,Open,High,Low,Close,Volume) for the Csv market.")]
    [Unit(Units.None)]
    [Configuration.AppliesAfterRestart]
    public string CsvFolder { get; set; } = "data/csv";

    /// <summary>Size of a new buy, as a percent of equity (the risk manager then judges it).</summary>
    [Display(Name = "Size of a new buy, % of equity", ShortName = "Position size",
        Description = "How much of equity one buy spends; the risk manager then judges it.")]
    [Unit(Units.Percent)]
    [Applies(SettingApplies.NextDecision)]
    [Range(0.1, 100)] public double PositionSizePct { get; set; } = 5;

    /// <summary>Closed bars kept per symbol for the indicators (must cover the longest warm-up).</summary>
    [Display(Name = "Bars kept per symbol", ShortName = "History bars",
        Description = "Closed bars kept for the indicators; must cover the longest warm-up.")]
    [Unit(Units.Bars)]
    [Range(60, 10_000)] public int HistoryBars { get; set; } = 250;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}
