using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>Checks <see cref="AlpacaOptions"/> beyond data annotations: both URLs absolute http/https, <see cref="AlpacaOptions.Feed"/>
/// and <see cref="AlpacaOptions.Adjustment"/> among the values Alpaca knows (case-insensitive), a known bar timeframe, and a live
/// trading URL only with <see cref="AlpacaOptions.AllowLive"/>. Missing keys are not an error here:
/// the app runs without Alpaca, and the Alpaca features say what to set when used.</summary>
public sealed class AlpacaOptionsValidator : IValidateOptions<AlpacaOptions>
{
    public ValidateOptionsResult Validate(string? name, AlpacaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckUrl(options.DataUrl, nameof(AlpacaOptions.DataUrl), failures);
        CheckUrl(options.TradingUrl, nameof(AlpacaOptions.TradingUrl), failures);
        if (!AlpacaOptions.Feeds.Contains(options.Feed, StringComparer.OrdinalIgnoreCase))
            failures.Add($"{AlpacaOptions.SectionName}:{nameof(AlpacaOptions.Feed)} is '{options.Feed}'; use one of {string.Join(", ", AlpacaOptions.Feeds)}.");
        if (!AlpacaOptions.Adjustments.Contains(options.Adjustment, StringComparer.OrdinalIgnoreCase))
            failures.Add($"{AlpacaOptions.SectionName}:{nameof(AlpacaOptions.Adjustment)} is '{options.Adjustment}'; use one of {string.Join(", ", AlpacaOptions.Adjustments)}.");
        if (AlpacaTimeframes.Normalize(options.BarTimeframe) is null)
            failures.Add($"{AlpacaOptions.SectionName}:{nameof(AlpacaOptions.BarTimeframe)} is '{options.BarTimeframe}'; use one of {string.Join(", ", AlpacaTimeframes.All)}.");
        if (options.IsLive && !options.AllowLive)
            failures.Add($"{AlpacaOptions.SectionName}:{nameof(AlpacaOptions.TradingUrl)} is '{options.TradingUrl}', a live (real money) endpoint; " +
                $"set {AlpacaOptions.SectionName}:{nameof(AlpacaOptions.AllowLive)}=true to trade it, or use the paper endpoint {AlpacaOptions.PaperTradingUrl}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(string? value, string field, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            failures.Add($"{AlpacaOptions.SectionName}:{field} is '{value}'; it must be an absolute http or https URL.");
    }
}
