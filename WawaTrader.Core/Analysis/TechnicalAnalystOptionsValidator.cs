using System.Globalization;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Analysis;

/// <summary>
/// Cross-field rules of <see cref="TechnicalAnalystOptions"/> (ranges are data annotations): the oversold level must
/// be below the overbought level, and full conviction above the action threshold. Messages name the configuration keys; reusable by the settings page before saving.
/// </summary>
public sealed class TechnicalAnalystOptionsValidator : IValidateOptions<TechnicalAnalystOptions>
{
    public ValidateOptionsResult Validate(string? name, TechnicalAnalystOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var s = TechnicalAnalystOptions.SectionName;
        var failures = new List<string>();
        if (options.RsiOversold >= options.RsiOverbought)
            failures.Add($"{s}:{nameof(options.RsiOversold)} ({N(options.RsiOversold)}) must be below {s}:{nameof(options.RsiOverbought)} ({N(options.RsiOverbought)}).");
        if (options.FullConvictionScore <= options.ActionThreshold)
            failures.Add($"{s}:{nameof(options.FullConvictionScore)} ({N(options.FullConvictionScore)}) must be above {s}:{nameof(options.ActionThreshold)} ({N(options.ActionThreshold)}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
