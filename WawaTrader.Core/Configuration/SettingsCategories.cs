using WawaTrader.Core.Alerts;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Configuration;

/// <summary>
/// The settings a user can change from the page and the API, one line per category: name (= configuration section), options type,
/// cross-field validators, secrets. Adding a category is adding a line here (and binding its options in its capability); each of its
/// settings describes itself with <c>[Display]</c>, <see cref="UnitAttribute"/> and its rules (see <see cref="Risk.RiskOptions"/>).
/// </summary>
public static class SettingsCategories
{
    /// <summary>The key-only secret of the Llm category: <c>Llm:ApiKey</c>, which overrides <see cref="LlmOptions.ApiKeyVariable"/>.</summary>
    public const string LlmApiKey = LlmOptions.ApiKeySetting;

    public static IReadOnlyList<SettingsCategory> All { get; } =
    [
        SettingsCategory.Create<RiskOptions>(RiskOptions.SectionName, [new RiskOptionsValidator()]),
        SettingsCategory.Create<TradingOptions>(TradingOptions.SectionName, normalize: NormalizeWatchlist,
            defaults: o => o.Watchlist = [.. TradingOptions.DefaultWatchlist]),
        SettingsCategory.Create<LlmOptions>(LlmOptions.SectionName, [new LlmOptionsValidator()], secrets: [LlmApiKey]),
        SettingsCategory.Create<AlertsOptions>(AlertsOptions.SectionName, [new AlertsOptionsValidator()],
            secrets: [nameof(AlertsOptions.SmtpPassword), nameof(AlertsOptions.SlackWebhookUrl)]),
        SettingsCategory.Create<BacktestingOptions>(BacktestingOptions.SectionName),
        SettingsCategory.Create<MarketOptions>(MarketOptions.SectionName),
        SettingsCategory.Create<AlpacaOptions>(AlpacaOptions.SectionName, [new AlpacaOptionsValidator()],
            secrets: [nameof(AlpacaOptions.KeyId), nameof(AlpacaOptions.SecretKey)]),
    ];

    /// <summary>The category named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static SettingsCategory? Find(string? name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>As <c>AddTradingOptions</c> does after binding: symbols trimmed, upper-cased, de-duplicated, blanks dropped
    /// (but an empty list stays empty here, so that saving one is refused rather than silently replaced by the default).</summary>
    private static void NormalizeWatchlist(TradingOptions o) =>
        o.Watchlist = [.. o.Watchlist.Select(TickerSymbol.Normalize).Where(s => s.Length > 0).Distinct()];
}
