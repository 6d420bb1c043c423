using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WawaTrader.Core.Risk;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// Renders a prompt template for one symbol at one bar. A placeholder is <c>{{name}}</c>; names are matched
/// case-insensitively and may be padded with spaces (<c>{{ symbol }}</c>). Anything between <c>{{</c> and <c>}}</c> that is
/// not a name (letters first, then letters, digits, <c>_ . -</c>) is plain text, so a JSON example in the template is safe.
/// Unknown names are left as written and listed by <see cref="UnknownPlaceholders"/>. An empty or blank template means
/// <see cref="PromptTemplates.Default"/>.
/// <para>All numbers are invariant culture (<c>1234.5</c>); an undefined (NaN) value is written <c>n/a</c>.
/// Prices use up to four decimals (at least two), percentages two, quantities as held.</para>
/// <list type="table">
/// <item><term><c>{{symbol}}</c></term><description>The ticker.</description></item>
/// <item><term><c>{{time}}</c></term><description>The bar's time, UTC, <c>yyyy-MM-dd HH:mm</c>.</description></item>
/// <item><term><c>{{close}}</c>, <c>{{previousClose}}</c></term><description>Last and previous close.</description></item>
/// <item><term><c>{{change}}</c></term><description>close − previous close, signed (<c>+1.25</c>).</description></item>
/// <item><term><c>{{changePct}}</c></term><description>The change in percent of the previous close, signed, with <c>%</c> (<c>-0.84%</c>).</description></item>
/// <item><term><c>{{indicators}}</c></term><description>Every indicator of the snapshot, one <c>- name: value</c> line each.</description></item>
/// <item><term><c>{{technicalAction}}</c></term><description>The technical analyst's action: <c>BUY</c>, <c>SELL</c> or <c>HOLD</c>.</description></item>
/// <item><term><c>{{technicalConfidence}}</c></term><description>Its confidence in percent, no sign (<c>62.5</c>).</description></item>
/// <item><term><c>{{technicalReasoning}}</c></term><description>Its reasoning, which names each indicator's reading.</description></item>
/// <item><term><c>{{positionQuantity}}</c></term><description>Shares held, 0 when flat.</description></item>
/// <item><term><c>{{positionAveragePrice}}</c></term><description>Average entry price; <c>n/a</c> when flat.</description></item>
/// <item><term><c>{{positionPnl}}</c></term><description>Unrealised P&amp;L at the last close, (close − average) × quantity, signed; 0.00 when flat.</description></item>
/// <item><term><c>{{positionPnlPct}}</c></term><description>The same in percent of the cost, signed, with <c>%</c>; <c>n/a</c> when flat.</description></item>
/// <item><term><c>{{limits}}</c></term><description>All five risk limits, one <c>- </c> line each.</description></item>
/// <item><term><c>{{minConfidence}}</c></term><description>The least confidence (percent) a BUY or SELL needs to trade.</description></item>
/// </list>
/// </summary>
public static partial class PromptBuilder
{
    private enum Placeholder
    {
        Symbol, Time, Close, PreviousClose, Change, ChangePct, Indicators, TechnicalAction, TechnicalConfidence,
        TechnicalReasoning, PositionQuantity, PositionAveragePrice, PositionPnl, PositionPnlPct, Limits, MinConfidence,
    }

    private static readonly string[] Names =
    [
        "symbol", "time", "close", "previousClose", "change", "changePct", "indicators", "technicalAction", "technicalConfidence",
        "technicalReasoning", "positionQuantity", "positionAveragePrice", "positionPnl", "positionPnlPct", "limits", "minConfidence",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static VersionEntry? _lastVersion;

    /// <summary>The placeholder names <see cref="Build"/> replaces, without braces, in their documented spelling.</summary>
    public static IReadOnlyList<string> KnownPlaceholders { get; } = Array.AsReadOnly(Names);

    /// <summary>
    /// Renders <paramref name="template"/> (empty or blank: the default) for <paramref name="context"/>, with the
    /// technical analyst's view <paramref name="technical"/> and the risk <paramref name="limits"/> that will judge the answer.
    /// One pass over the template; unknown placeholders are copied as written.
    /// </summary>
    public static string Build(string template, AnalysisContext context, Proposal technical, RiskOptions limits)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(technical);
        ArgumentNullException.ThrowIfNull(limits);
        template = Effective(template);
        var text = new StringBuilder(template.Length + 1024 + technical.Reasoning.Length);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0) break;
            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) break;
            text.Append(template, i, open - i);
            if (Find(template.AsSpan(open + 2, close - open - 2)) is { } placeholder)
            {
                AppendValue(text, placeholder, context, technical, limits);
                i = close + 2;
            }
            else
            {
                text.Append('{'); // not ours: copy one brace and look again from the next one ("{{{symbol}}}" still works)
                i = open + 1;
            }
        }
        text.Append(template, i, template.Length - i);
        return text.ToString();
    }

    /// <summary>
    /// A short stable id of the template for the scorecard: <c>v-</c> and the first 8 lower-case hex digits of the SHA-256
    /// of the normalised text (UTF-8; line ends as <c>\n</c>, trailing spaces of each line and surrounding blank lines
    /// removed). An empty template has the default's version, since that is what is sent.
    /// </summary>
    public static string Version(string template)
    {
        template = Effective(template);
        if (_lastVersion is { } last && ReferenceEquals(last.Template, template)) return last.Version;
        var lines = template.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd());
        var normalised = string.Join('\n', lines).Trim('\n');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalised));
        var version = "v-" + Convert.ToHexStringLower(hash.AsSpan(0, 4));
        _lastVersion = new VersionEntry(template, version);
        return version;
    }

    /// <summary>
    /// The placeholder names the template uses that <see cref="Build"/> does not know (a typo such as <c>symbl</c>), as
    /// written between the braces, trimmed, each once in order of appearance; empty when every placeholder is known.
    /// </summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string template)
    {
        template = Effective(template);
        List<string>? unknown = null;
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0) break;
            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) break;
            var name = template.AsSpan(open + 2, close - open - 2).Trim();
            if (Find(name) is not null)
            {
                i = close + 2;
                continue;
            }
            if (IsName(name))
            {
                unknown ??= [];
                var text = name.ToString();
                if (!unknown.Contains(text, StringComparer.Ordinal)) unknown.Add(text);
            }
            i = open + 1;
        }
        return unknown ?? (IReadOnlyList<string>)[];
    }

    private static string Effective(string? template) => string.IsNullOrWhiteSpace(template) ? PromptTemplates.Default : template;

    private static Placeholder? Find(ReadOnlySpan<char> name)
    {
        name = name.Trim();
        for (var k = 0; k < Names.Length; k++)
            if (name.Equals(Names[k], StringComparison.OrdinalIgnoreCase)) return (Placeholder)k;
        return null;
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 64 || !char.IsAsciiLetter(name[0])) return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-')) return false;
        return true;
    }

    private static void AppendValue(StringBuilder text, Placeholder placeholder, AnalysisContext context, Proposal technical, RiskOptions limits)
    {
        var s = context.Indicators;
        switch (placeholder)
        {
            case Placeholder.Symbol: text.Append(context.Symbol); break;
            case Placeholder.Time: text.Append(Inv, $"{s.Time:yyyy-MM-dd HH:mm}"); break;
            case Placeholder.Close: Price(text, s.Close); break;
            case Placeholder.PreviousClose: Price(text, s.PreviousClose); break;
            case Placeholder.Change: Signed(text, s.Close - s.PreviousClose); break;
            case Placeholder.ChangePct: SignedPct(text, s.PreviousClose != 0 ? (s.Close - s.PreviousClose) / s.PreviousClose * 100 : double.NaN); break;
            case Placeholder.Indicators: AppendIndicators(text, s); break;
            case Placeholder.TechnicalAction: text.Append(ActionWord(technical.Action)); break;
            case Placeholder.TechnicalConfidence: Number(text, technical.Confidence, "0.#"); break;
            case Placeholder.TechnicalReasoning: text.Append(technical.Reasoning); break;
            case Placeholder.PositionQuantity: text.Append(Inv, $"{context.PositionQuantity:0.########}"); break;
            case Placeholder.PositionAveragePrice:
                if (context.PositionQuantity == 0) text.Append("n/a");
                else Price(text, (double)context.PositionAveragePrice);
                break;
            case Placeholder.PositionPnl:
                if (context.PositionQuantity == 0) text.Append("0.00");
                else Signed(text, (s.Close - (double)context.PositionAveragePrice) * (double)context.PositionQuantity);
                break;
            case Placeholder.PositionPnlPct:
                var average = (double)context.PositionAveragePrice;
                SignedPct(text, context.PositionQuantity != 0 && average > 0 ? (s.Close - average) / average * 100 : double.NaN);
                break;
            case Placeholder.Limits: AppendLimits(text, limits); break;
            case Placeholder.MinConfidence: Number(text, limits.MinConfidence, "0.##"); break;
        }
    }

    internal static string ActionWord(TradeAction action) => action switch
    {
        TradeAction.Buy => "BUY",
        TradeAction.Sell => "SELL",
        _ => "HOLD",
    };

    internal static void Price(StringBuilder text, double value) => Number(text, value, "0.00##");

    internal static void Number(StringBuilder text, double value, string format)
    {
        Span<char> buffer = stackalloc char[64];
        if (double.IsFinite(value) && value.TryFormat(buffer, out var written, format, Inv)) text.Append(buffer[..written]);
        else text.Append("n/a");
    }

    private static void Signed(StringBuilder text, double value) => Number(text, value, "+0.00##;-0.00##;0.00");

    private static void SignedPct(StringBuilder text, double value)
    {
        Number(text, value, "+0.00;-0.00;0.00");
        if (double.IsFinite(value)) text.Append('%');
    }

    private sealed record VersionEntry(string Template, string Version);
}
