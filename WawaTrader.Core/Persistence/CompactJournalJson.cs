using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Risk;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// The compact JSON of a decision's indicator snapshot and risk checks: positional JSON arrays whose first element is the format
/// version, instead of objects with property names. The risk checks (column <c>risk_checks_json</c>) are written in version 3
/// and stored through <see cref="PhraseCodec"/>; the indicator snapshot is now stored in binary (<see cref="CompactIndicatorBytes"/>),
/// and its JSON (column <c>indicators_json</c>, close at element <see cref="CloseIndex"/>) is what rows written before hold.
/// Rows written before the compact form hold objects (<c>{"Time":...}</c>, <c>[{"Rule":...}]</c>) and still read.
/// <list type="bullet">
/// <item>Indicators: <c>[2, time, close, previousClose, sma20, ..., volumeRatio20]</c> in the record's order.</item>
/// <item>Risk checks (version 2): <c>[2, [rule, flags, value, limit, reason], ...]</c>; flags 1 = passed, 2 = waived.</item>
/// <item>Risk checks (version 3, written now): <c>[3, [rule, flags, limit, reason, value], ...]</c>, the reason either its text or
/// the number of the <see cref="RiskReasonTemplates"/> template that renders it from the decision's symbol, the value and the limit.
/// (The value last, so that rule, flags, limit and template, mostly the same in every row, form one phrase for <see cref="PhraseCodec"/>.)</item>
/// </list>
/// Doubles are written in their shortest round-trip form; NaN and infinities as the strings <c>"NaN"</c>, <c>"Infinity"</c>,
/// <c>"-Infinity"</c>. Reading gives back exactly the record that was written.
/// </summary>
internal static class CompactJournalJson
{
    public const int Version = 2;

    /// <summary>The risk checks' format version written now.</summary>
    public const int RiskChecksVersion = 3;

    /// <summary>The position of the close in the compact indicator array (after the version and the time).</summary>
    public const int CloseIndex = 2;

    private const int Passed = 1;
    private const int Waived = 2;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(IndicatorSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Write(writer =>
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(Version);
            writer.WriteStringValue(s.Time);
            foreach (var value in (ReadOnlySpan<double>)[s.Close, s.PreviousClose, s.Sma20, s.Sma50, s.Ema20, s.Rsi14, s.Macd, s.MacdSignal,
                         s.MacdHistogram, s.BollingerUpper, s.BollingerMiddle, s.BollingerLower, s.Atr14, s.StdDev20, s.Obv, s.VolumeRatio20])
            {
                WriteDouble(writer, value);
            }
            writer.WriteEndArray();
        });
    }

    /// <summary>Risk checks in version 2 (what rows held before version 3; kept for the tests of reading them).</summary>
    public static string Serialize(IReadOnlyList<RiskCheck> checks) => SerializeChecks(checks, symbol: null);

    /// <summary>Risk checks in version 3, the reasons of the decision on <paramref name="symbol"/> as templates where one fits.</summary>
    public static string Serialize(IReadOnlyList<RiskCheck> checks, string symbol) =>
        SerializeChecks(checks, symbol ?? throw new ArgumentNullException(nameof(symbol)));

    /// <summary>Version 3 with <paramref name="symbol"/>, version 2 without.</summary>
    private static string SerializeChecks(IReadOnlyList<RiskCheck> checks, string? symbol)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return Write(writer =>
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(symbol is null ? Version : RiskChecksVersion);
            foreach (var check in checks)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(check.Rule);
                writer.WriteNumberValue(Flags(check));
                if (symbol is null)
                {
                    WriteDouble(writer, check.Value);
                    WriteDouble(writer, check.Limit);
                    writer.WriteStringValue(check.Reason);
                }
                else
                {
                    WriteDouble(writer, check.Limit);
                    if (RiskReasonTemplates.Find(check.Reason, symbol, check.Value, check.Limit) is { } template) writer.WriteNumberValue(template);
                    else writer.WriteStringValue(check.Reason);
                    WriteDouble(writer, check.Value);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        });
    }

    private static int Flags(RiskCheck check) => (check.Passed ? Passed : 0) | (check.Waived ? Waived : 0);

    /// <summary>An indicator snapshot in either form (compact array or the object of rows written before).</summary>
    public static IndicatorSnapshot DeserializeIndicators(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!IsCompact(json)) return PersistenceJson.Deserialize<IndicatorSnapshot>(json, "indicator snapshot");
        using var document = Parse(json, "indicator snapshot");
        var a = document.RootElement;
        if (a.GetArrayLength() != 18) throw Malformed("indicator snapshot", $"{a.GetArrayLength()} elements instead of 18");
        double D(int i) => ReadDouble(a[i], "indicator snapshot");
        return new IndicatorSnapshot(a[1].GetDateTime(), D(2), D(3), D(4), D(5), D(6), D(7), D(8), D(9), D(10), D(11), D(12), D(13), D(14),
            D(15), D(16), D(17));
    }

    /// <summary>Risk checks of a decision on <paramref name="symbol"/> in any form (compact arrays of version 2 or 3, or the
    /// objects of rows written before).</summary>
    public static List<RiskCheck> DeserializeRiskChecks(string json, string symbol)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!IsCompact(json)) return PersistenceJson.Deserialize<List<RiskCheck>>(json, "risk checks");
        using var document = Parse(json, "risk checks", Version, RiskChecksVersion);
        var version3 = document.RootElement[0].GetInt32() == RiskChecksVersion;
        var checks = new List<RiskCheck>(document.RootElement.GetArrayLength() - 1);
        foreach (var c in document.RootElement.EnumerateArray().Skip(1))
        {
            if (c.ValueKind != JsonValueKind.Array || c.GetArrayLength() != 5) throw Malformed("risk checks", "a check is not a 5-element array");
            var flags = c[1].GetInt32();
            var value = ReadDouble(c[version3 ? 4 : 2], "risk checks");
            var limit = ReadDouble(c[version3 ? 2 : 3], "risk checks");
            var stored = c[version3 ? 3 : 4];
            var reason = version3 && stored.ValueKind == JsonValueKind.Number
                ? RiskReasonTemplates.Render(stored.GetInt32(), symbol, value, limit) ?? throw Malformed("risk checks", "a reason template cannot be rendered")
                : stored.GetString() ?? "";
            checks.Add(new RiskCheck(c[0].GetString() ?? throw Malformed("risk checks", "a rule is null"), (flags & Passed) != 0,
                value, limit, reason, (flags & Waived) != 0));
        }
        return checks;
    }

    /// <summary>Whether the text is the compact form: an array whose first element is a number (the version). The objects of
    /// rows written before start with <c>{</c> or <c>[{</c>; an empty list <c>[]</c> reads the same either way.</summary>
    private static bool IsCompact(string json)
    {
        var text = json.AsSpan().TrimStart();
        if (text.Length < 2 || text[0] != '[') return false;
        var next = text[1..].TrimStart();
        return next.Length > 0 && char.IsAsciiDigit(next[0]);
    }

    private static JsonDocument Parse(string json, string what, int oldest = Version, int newest = Version)
    {
        var document = JsonDocument.Parse(json);
        var version = document.RootElement[0].GetInt32();
        if (version >= oldest && version <= newest) return document;
        document.Dispose();
        throw Malformed(what, $"format version {version} is not known (this build reads {(oldest == newest ? $"{oldest}" : $"{oldest} to {newest}")})");
    }

    private static InvalidOperationException Malformed(string what, string why) => new($"The stored {what} cannot be read: {why}.");

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private static double ReadDouble(JsonElement e, string what) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => double.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => throw Malformed(what, $"a {e.ValueKind} where a number belongs"),
    };

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
