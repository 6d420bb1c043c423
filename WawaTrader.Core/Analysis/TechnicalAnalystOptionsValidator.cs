using System.Globalization;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Analysis;

/// <summary>
/// Cross-field rules of <see cref="TechnicalAnalystOptions"/> (ranges are data annotations): the oversold level must
/// be below the overbought level. Messages name the configuration keys; reusable by the settings page before saving.
/// </summary>
public sealed class TechnicalAnalystOptionsValidator : IValidateOptions<TechnicalAnalystOptions>
{
    public ValidateOptionsResult Validate(string? name, TechnicalAnalystOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RsiOversold < options.RsiOverbought) return ValidateOptionsResult.Success;
        var s = TechnicalAnalystOptions.SectionName;
        return ValidateOptionsResult.Fail(
            $"{s}:{nameof(options.RsiOversold)} ({N(options.RsiOversold)}) must be below {s}:{nameof(options.RsiOverbought)} ({N(options.RsiOverbought)}).");
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
