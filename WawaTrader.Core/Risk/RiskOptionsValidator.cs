using System.Globalization;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Risk;

/// <summary>
/// Cross-field rules of <see cref="RiskOptions"/> (single-field ranges are data annotations):
/// one position may not be larger than the total exposure allowed, and the daily loss limit must be below the
/// position limit. Messages name the configuration keys. Used at start-up and by the settings page before saving.
/// </summary>
public sealed class RiskOptionsValidator : IValidateOptions<RiskOptions>
{
    public ValidateOptionsResult Validate(string? name, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxPositionPct > options.MaxExposurePct)
        {
            failures.Add($"{Key(nameof(RiskOptions.MaxPositionPct))} ({N(options.MaxPositionPct)}) must not exceed " +
                         $"{Key(nameof(RiskOptions.MaxExposurePct))} ({N(options.MaxExposurePct)}).");
        }
        if (options.MaxDailyLossPct >= options.MaxPositionPct)
        {
            failures.Add($"{Key(nameof(RiskOptions.MaxDailyLossPct))} ({N(options.MaxDailyLossPct)}) must be below " +
                         $"{Key(nameof(RiskOptions.MaxPositionPct))} ({N(options.MaxPositionPct)}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string property) => $"{RiskOptions.SectionName}:{property}";

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
