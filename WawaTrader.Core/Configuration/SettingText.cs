using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace WawaTrader.Core.Configuration;

/// <summary>
/// Setting values as a reader sees them, with their unit: "10%", "$100000", "1 bps", "20 s", "2 min", "on", "AAPL, MSFT";
/// ranges ("0.1% to 100%"), when a change applies, and one line per change ("Largest position 10% → 5%: applies to the next
/// decision"). Invariant culture, like the configuration strings.
/// </summary>
public static class SettingText
{
    /// <summary><paramref name="value"/> (typed) of <paramref name="field"/>, with its unit.</summary>
    public static string Value(SettingField field, object? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        var unit = field.Description.Unit ?? "";
        return value switch
        {
            null => "not set",
            bool b => b ? "on" : "off",
            string { Length: 0 } => "empty",
            string s => s,
            IEnumerable list => list.Cast<object?>().Any() ? string.Join(", ", list.Cast<object?>()) : "none",
            TimeSpan t => Duration(t),
            DateTime d => SettingValues.Format(d)!,
            Enum e => e.ToString(),
            double d when unit == Units.Seconds => Duration(TimeSpan.FromSeconds(d)),
            int i when unit == Units.Minutes => Duration(TimeSpan.FromMinutes(i)),
            IFormattable f => WithUnit(Number(f), unit),
            _ => value.ToString() ?? "",
        };
    }

    /// <summary>A configuration string of <paramref name="field"/> (as the history records it), with its unit; a text that no
    /// longer reads as the field's type is shown as it is.</summary>
    public static string Text(SettingField field, string? text)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (text is null) return "not set";
        return SettingValues.TryParse(text, field.Type, field.Key, out var value, out _) ? Value(field, value) : text;
    }

    /// <summary>"10%", "$5", "20 s", "3 orders"; the number alone without a unit.</summary>
    public static string WithUnit(string number, string? unit) => unit switch
    {
        null or "" => number,
        Units.Percent => number + "%",
        Units.Dollars => number.StartsWith('-') ? "-$" + number[1..] : "$" + number,
        _ when number == "1" && Singular.TryGetValue(unit, out var one) => $"1 {one}",
        _ => $"{number} {unit}",
    };

    private static readonly Dictionary<string, string> Singular = new(StringComparer.Ordinal)
    {
        [Units.Shares] = "share", [Units.Orders] = "order", [Units.Bars] = "bar", [Units.Tokens] = "token", [Units.Calls] = "call",
        [Units.Attempts] = "attempt", [Units.Retries] = "retry", [Units.Symbols] = "symbol", [Units.Characters] = "character",
    };

    /// <summary>"500 ms", "20 s", "2 min", "1 h 30 min", "2 d": the largest units that state it exactly (at most two).</summary>
    public static string Duration(TimeSpan t)
    {
        if (t == TimeSpan.Zero) return "0 s";
        if (t < TimeSpan.Zero) return "-" + Duration(-t);
        if (t < TimeSpan.FromSeconds(1)) return $"{Number(t.TotalMilliseconds)} ms";
        if (t < TimeSpan.FromMinutes(1)) return $"{Number(t.TotalSeconds)} s";
        var parts = new List<string>();
        if (t.Days > 0) parts.Add($"{t.Days} d");
        if (t.Hours > 0) parts.Add($"{t.Hours} h");
        if (t.Minutes > 0) parts.Add($"{t.Minutes} min");
        var seconds = t.Seconds + t.Milliseconds / 1000.0;
        if (seconds > 0) parts.Add($"{Number(seconds)} s");
        return string.Join(" ", parts);
    }

    /// <summary>
    /// Reads a duration as a user types it: "20 s", "20s", "2 min", "1 h 30 min", "500 ms", "1 d", "00:02:00", or a bare number in
    /// the field's unit (seconds, or minutes for <see cref="Units.Minutes"/>); false for anything else.
    /// </summary>
    public static bool TryParseDuration(string? text, string? unit, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal))
            return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            if (!double.IsFinite(bare) || bare < 0) return false;
            duration = unit == Units.Minutes ? TimeSpan.FromMinutes(bare) : TimeSpan.FromSeconds(bare);
            return true;
        }
        var parts = System.Text.RegularExpressions.Regex.Matches(trimmed, @"\G\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|min|m|h|d)\b\s*",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        if (parts.Count == 0 || parts.Sum(p => p.Length) != trimmed.Length) return false;
        foreach (System.Text.RegularExpressions.Match part in parts)
        {
            var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += part.Groups[2].Value.ToLowerInvariant() switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" or "sec" => TimeSpan.FromSeconds(amount),
                "min" or "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }
        return true;
    }

    /// <summary>The configuration string of <paramref name="duration"/> for <paramref name="field"/>: a <see cref="TimeSpan"/>'s
    /// <c>hh:mm:ss</c>, a number of seconds, or a whole number of minutes (null when it is not whole).</summary>
    public static string? DurationSetting(SettingField field, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.ValueType == typeof(TimeSpan)) return SettingValues.Format(duration);
        if (field.Description.Unit == Units.Minutes)
            return duration.TotalMinutes == Math.Floor(duration.TotalMinutes) ? ((long)duration.TotalMinutes).ToString(CultureInfo.InvariantCulture) : null;
        return duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>"0.1% to 100%", "1 s to 1 h"; null without a <see cref="RangeAttribute"/>.</summary>
    public static string? Range(SettingField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Description.Range is not { } range) return null;
        var (min, max) = Bounds(field, range);
        return (range.MinimumIsExclusive ? "more than " : "") + min + " to " + max + (range.MaximumIsExclusive ? " (exclusive)" : "");
    }

    /// <summary>The limits of <paramref name="range"/> as a range states them: each in the unit ("0.1%", "$5", "1 s"), or for a
    /// counted unit the unit once after the upper one ("1", "10000 orders").</summary>
    public static (string Min, string Max) Bounds(SettingField field, RangeAttribute range)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(range);
        return IsCounted(field)
            ? (Limit(field.ValueType, range.Minimum), Limit(field.ValueType, range.Maximum) + " " + field.Description.Unit)
            : (Limit(field, range.Minimum), Limit(field, range.Maximum));
    }

    /// <summary>A unit that counts things (orders, bars, bps): written once after a range, and not after a value in a sentence.</summary>
    public static bool IsCounted(SettingField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Description.Unit is { Length: > 0 } unit && unit is not (Units.Percent or Units.Dollars) && !field.Description.IsDuration(field.ValueType);
    }

    /// <summary>A limit of a <see cref="RangeAttribute"/> in the field's unit ("0.1%", "1 s").</summary>
    public static string Limit(SettingField field, object limit)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(limit);
        var text = Convert.ToString(limit, CultureInfo.InvariantCulture) ?? "";
        var type = field.ValueType;
        return SettingValues.TryParse(text, type, field.Key, out var typed, out _) && typed is not null ? Value(field, typed) : text;
    }

    private static string Limit(Type type, object limit)
    {
        var text = Convert.ToString(limit, CultureInfo.InvariantCulture) ?? "";
        return SettingValues.TryParse(text, type, "", out var typed, out _) && typed is IFormattable f ? Number(f) : text;
    }

    /// <summary>"applies to the next decision", …; null when the options do not say.</summary>
    public static string? Applies(SettingApplies? when) => when switch
    {
        SettingApplies.AtOnce => "applies at once",
        SettingApplies.NextDecision => "applies to the next decision",
        SettingApplies.NextCycle => "applies from the next cycle",
        SettingApplies.NextModelCall => "applies to the next model call",
        SettingApplies.NextAlert => "applies to the next alert",
        SettingApplies.NextBacktest => "applies to the next backtest",
        SettingApplies.AfterRestart => "applies after a restart",
        _ => null,
    };

    /// <summary>
    /// One line of a change summary: "Largest position 10% → 5%: applies to the next decision"; a secret only says it is replaced
    /// or cleared. <paramref name="change"/> holds configuration strings as the settings service plans and records them.
    /// </summary>
    public static string Change(SettingField field, SettingChange change)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(change);
        var name = field.Description.ShortLabel ?? field.Key;
        var what = field.IsSecret
            ? $"{name} {(change.NewValue == SettingsService.SecretCleared ? "cleared" : "replaced")}"
            : $"{name} {Text(field, change.OldValue)} → {Text(field, change.NewValue)}";
        return Applies(field.Description.Applies) is { } when ? $"{what}: {when}" : what;
    }

    /// <summary>"Default 10% · 0.1% to 100%": the field's default and range, for helper texts and the README.</summary>
    public static string DefaultText(SettingField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.IsSecret) return "not set";
        return Value(field, field.Default);
    }

    private static string Number(IFormattable value) => value switch
    {
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        float f => f.ToString("0.######", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##########", CultureInfo.InvariantCulture),
        _ => value.ToString(null, CultureInfo.InvariantCulture),
    };

    private static string Number(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);
}
