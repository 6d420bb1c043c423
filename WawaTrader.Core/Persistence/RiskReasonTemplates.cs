using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// The risk manager's usual reasons as templates over a check's own numbers (version 1, frozen like <see cref="PhraseCodec"/>'s
/// table; a test pins its hash): a stored check whose reason is exactly a template rendered with the decision's symbol, the
/// check's value and limit keeps only the template's number (<see cref="CompactJournalJson"/> version 3). Slots: <c>{S}</c> the
/// symbol; <c>{V:f}</c>, <c>{-V:f}</c> (negated) and <c>{L:f}</c> the value and the limit in format f (0.0#, 0.##, 0.0 or 0).
/// <para>Numbers are rendered by this class, not by the runtime's double formatting: converted to decimal, rounded half away
/// from zero to the format's decimals, then written by the decimal format. Encoding checks that the rendering equals the reason
/// character for character, so what is read back is always the reason that was written.</para>
/// </summary>
internal static class RiskReasonTemplates
{
    public static readonly IReadOnlyList<string> Templates =
    [
        "Position in {S} is {V:0.0#}% of equity, within the {L:0.##}% limit",
        "Position in {S} is {V:0.0#}% of equity, above the {L:0.##}% limit",
        "Position in {S} would be {V:0.0#}% of equity, within the {L:0.##}% limit",
        "Position in {S} would be {V:0.0#}% of equity, above the {L:0.##}% limit",
        "Position in {S} would be {V:0.0#}% of equity (counting buys not yet filled), within the {L:0.##}% limit",
        "Position in {S} would be {V:0.0#}% of equity (counting buys not yet filled), above the {L:0.##}% limit",
        "Sell reduces the {S} position to {V:0.0#}% of equity (limit {L:0.##}%)",
        "Day loss {V:0.0#}% is within the {L:0.##}% limit",
        "Day P&L +{-V:0.0#}% (no loss) is within the {L:0.##}% limit",
        "Day loss {V:0.0#}% exceeds the {L:0.##}% limit: no new buys",
        "Exposure is {V:0.0#}% of equity, within the {L:0.##}% limit",
        "Exposure is {V:0.0#}% of equity, above the {L:0.##}% limit",
        "Exposure would be {V:0.0#}% of equity, within the {L:0.##}% limit",
        "Exposure would be {V:0.0#}% of equity, above the {L:0.##}% limit",
        "Exposure would be {V:0.0#}% of equity (counting buys not yet filled), within the {L:0.##}% limit",
        "Exposure would be {V:0.0#}% of equity (counting buys not yet filled), above the {L:0.##}% limit",
        "{V:0} of {L:0} trades used today",
        "{V:0} of {L:0} trades used today: the daily limit is reached",
        "Order would be trade {V:0} of at most {L:0} today",
        "Order would be trade {V:0} today, above the limit of {L:0}",
        "Confidence {V:0.0} meets the minimum {L:0.##}",
        "Confidence {V:0.0} is below the minimum {L:0.##}",
    ];

    /// <summary>The SHA-256 of the templates (joined by U+0000, UTF-8), hex: pinned by a test.</summary>
    public static string TableHash() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', Templates))));

    /// <summary>Each template's text before its first slot and after its last: a reason that does not start and end with them
    /// is not rendered by it (so most templates are ruled out without rendering).</summary>
    private static readonly (string Prefix, string Suffix)[] s_ends =
        Templates.Select(t => (t[..t.IndexOf('{', StringComparison.Ordinal)], t[(t.LastIndexOf('}') + 1)..])).ToArray();

    /// <summary>The number of the template that renders exactly <paramref name="reason"/>, or null.</summary>
    public static int? Find(string reason, string symbol, double value, double limit)
    {
        ArgumentNullException.ThrowIfNull(reason);
        for (var i = 0; i < Templates.Count; i++)
        {
            var (prefix, suffix) = s_ends[i];
            if (!reason.StartsWith(prefix, StringComparison.Ordinal) || !reason.EndsWith(suffix, StringComparison.Ordinal)) continue;
            if (string.Equals(Render(i, symbol, value, limit), reason, StringComparison.Ordinal)) return i;
        }
        return null;
    }

    /// <summary>Template <paramref name="index"/> rendered; null when a number cannot be rendered (not finite, too large).</summary>
    public static string? Render(int index, string symbol, double value, double limit)
    {
        if (index < 0 || index >= Templates.Count) throw new InvalidOperationException($"The stored risk check names reason template {index}, which is not known.");
        var template = Templates[index];
        var text = new StringBuilder(template.Length + 16);
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                text.Append(template[i]);
                continue;
            }
            var end = template.IndexOf('}', i);
            var slot = template.AsSpan(i + 1, end - i - 1);
            i = end;
            if (slot.SequenceEqual("S"))
            {
                text.Append(symbol);
                continue;
            }
            var colon = slot.IndexOf(':');
            var number = slot[..colon] switch
            {
                "V" => value,
                "-V" => -value,
                _ => limit,
            };
            if (Format(number, slot[(colon + 1)..].ToString()) is not { } formatted) return null;
            text.Append(formatted);
        }
        return text.ToString();
    }

    private static string? Format(double number, string format)
    {
        if (!double.IsFinite(number) || Math.Abs(number) >= 1e15) return null;
        var decimals = format switch { "0" => 0, "0.0" => 1, _ => 2 };
        return Math.Round((decimal)number, decimals, MidpointRounding.AwayFromZero).ToString(format, CultureInfo.InvariantCulture);
    }
}
