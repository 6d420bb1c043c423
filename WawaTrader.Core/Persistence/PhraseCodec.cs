using System.Security.Cryptography;
using System.Text;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// A lossless text codec for the journal's long, repetitive texts (a decision's reasoning, its technical view's reasoning, its
/// risk checks): each phrase of a frozen table (<see cref="Phrases"/>: the technical analyst's, the model analyst's and the risk
/// manager's fixed wording, and the compact risk-check JSON's punctuation) is replaced by one or two reserved characters.
/// <para>Stored form: <see cref="Marker"/> (format version 1), then the body. In the body the 26 characters of
/// <see cref="OneByteCodes"/> stand for the first 26 phrases, <see cref="Lead"/> followed by <c>U+0020 + k</c> for phrase 26 + k
/// (up to 95 more), and <see cref="Escape"/> followed by <c>'A' + i</c> for the i-th character of <see cref="Reserved"/> when the
/// text itself holds one; every other character stands for itself. All reserved characters are control characters (one UTF-8
/// byte), never NUL, tab, line feed or carriage return. A text without the marker is plain (rows written before the codec, or
/// text that encoding would not have shortened) and reads as it is: <see cref="Encode"/> always encodes a text that starts with
/// a reserved character, and no plain text written before the codec started with a control character.</para>
/// <para>The table of version 1 is frozen: changing it would change the meaning of stored rows (a test pins its hash). A new
/// table is a new version with its own marker; old versions stay decodable.</para>
/// <para>Because phrases contain no reserved character and every lead, code and escape is followed by a printable character, a
/// chain of SQL <c>replace()</c> calls decodes the body exactly (two-character phrase codes first, then one-character codes, then
/// escapes, the escaped <see cref="Escape"/> last): see <see cref="SqlReplacements"/>.</para>
/// </summary>
internal static class PhraseCodec
{
    /// <summary>The first character of an encoded text (version 1).</summary>
    public const char Marker = '\u0001';

    /// <summary>Starts a two-character phrase code.</summary>
    public const char Lead = '\u001E';

    /// <summary>Starts an escaped reserved character.</summary>
    public const char Escape = '\u001F';

    private const char FirstTwoByteIndex = ' ';
    private const char FirstEscapeIndex = 'A';

    /// <summary>The one-character phrase codes, in phrase order.</summary>
    public static readonly string OneByteCodes = "\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u007F";

    /// <summary>Every character with a meaning in the stored form: the marker, the codes, the lead and the escape.</summary>
    public static readonly string Reserved = Marker + OneByteCodes + Lead + Escape;

    /// <summary>
    /// Version 1's phrases, frozen: the first 26 have one-character codes (the phrases that save the most in a run on the
    /// defaults), the rest two-character codes. The defaults' numbers (+/-7, 2.5, the 10% / 30% / 2% limits, 70, 10 trades,
    /// the templates of the usual risk reasons) are part of some phrases because they repeat in nearly every row; other settings
    /// simply leave those phrases unused and fall back on the shorter ones.
    /// </summary>
    public static readonly IReadOnlyList<string> Phrases =
    [
        " of a possible +/-7 is inside the +/-2.5 threshold.",
        "HOLD: weak or mixed signals, net score ",
        "MACD above its signal line, bullish (MACD ",
        "[3,[\"PositionSize\",1,10,0,",
        "MACD below its signal line, bearish (MACD ",
        "],[\"Confidence\",1,70,20,",
        "x its 20-bar average",
        "],[\"Exposure\",1,30,10,",
        ", no confirmation.",
        " inside Bollinger ",
        "],[\"TradesPerDay\",0,10,17,",
        " neutral; close ",
        "],[\"DailyLoss\",1,2,8,",
        ", but no position is held, so there is nothing to sell (no short selling).",
        ", histogram ",
        " vs signal ",
        ". Neutral: RSI14 ",
        "); close ",
        "trend down (SMA20 ",
        " of a possible +/-7 reaches the +2.5 threshold.",
        ". Volume ",
        "],[\"DailyLoss\",1,2,7,",
        "trend up (SMA20 ",
        " Bullish: ",
        "],[\"TradesPerDay\",1,10,16,",
        " of a possible +/-7 reaches the -2.5 threshold", // the last one-byte code
        " above EMA20 ",
        "circuit open after repeated failures",
        " below EMA20 ",
        "). Neutral: RSI14 ",
        " > SMA50 ",
        "BUY: bullish, net score ",
        "],[\"Confidence\",0,70,21,",
        ". Bearish: ",
        " < SMA50 ",
        "[3,[\"PositionSize\",1,10,2,",
        "HOLD: bearish, net score ",
        "). Bearish: ",
        "Model unavailable (",
        "); technical view: ",
        "],[\"TradesPerDay\",1,10,18,",
        " above upper Bollinger ",
        " Bearish: ",
        " below lower Bollinger ",
        "Exposure",
        "]]",
        " confirms (+10 confidence).",
        "],[\"",
        "close ",
        " overbought (>= ",
        "[3,[\"PositionSize\",1,10,4,",
        " oversold (<= ",
        " neutral",
        "RSI14 ",
        "). Neutral: ",
        ". Neutral: ",
        "\",",
        "],[\"Exposure\",1,30,12,",
        "],[\"Exposure\",1,30,14,",
        "connection failed: ",
        "[\"PositionSize\",",
        "ConnectionRefused",
        "Waived: a sell that ",
        " adds no risk; ",
        "); the position is down ",
        "Stop-loss SELL: close ",
        ", the average price ",
        " trades used today",
        " position",
        " is below ",
        "xATR14 (",
        " minus ",
        " of a possible +/-",
        " is inside the +/-",
        " threshold.",
        " reaches the +",
        " reaches the -",
        "SELL: bearish, net score ",
        "Warming up: ",
        " indicators available (need ",
        "); HOLD.",
        " Neutral: ",
        "trend flat (SMA20 = SMA50 = ",
        " at EMA20 ",
        "MACD on its signal line (MACD ",
        " confirms (+",
        " confidence).",
        " Unavailable: ",
        "Model answer unreadable (",
        " Technical view: ",
        "timeout after ",
        " Model (advisory, not used): ",
        "Model agrees: HOLD (",
        "HOLD: the model suggests ",
        ", but a trade needs the technical signal to agree. Model: ",
        "Model confirms ",
        "; technical ",
        "HOLD: the model vetoed the technical ",
        " (it says ",
        "Position in ",
        " would be ",
        "% of equity",
        " (counting buys not yet filled)",
        ", within the ",
        ", above the ",
        "% limit",
        "Day loss ",
        "Day P&L +",
        " exceeds the ",
        "Order would be trade ",
        "Confidence ",
        " meets the minimum ",
        " is below the minimum ",
        " shares of ",
        "[\"DailyLoss\",",
        "[\"Exposure\",",
        "[\"TradesPerDay\",",
        "[\"Confidence\",",
        "http://127.0.0.1:",
        "http://localhost:",
        "/v1",
    ];

    /// <summary>Phrase indices by their first two (ASCII) characters (<c>first × 128 + second</c>), longest phrase first.</summary>
    private static readonly int[][] s_byFirstChars = BuildIndex();

    /// <summary>The SHA-256 of the table (phrases joined by U+0000, UTF-8), hex: what a test pins so version 1 never changes.</summary>
    public static string TableHash() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', Phrases))));

    /// <summary>Whether <paramref name="stored"/> is in the encoded form (starts with <see cref="Marker"/>).</summary>
    public static bool IsEncoded(string? stored) => stored is { Length: > 0 } && stored[0] == Marker;

    /// <summary>What to store for <paramref name="text"/> (null stays null): the encoded form (greedy, longest phrase first), or
    /// the text itself when encoding would not make it shorter and it does not start with a reserved character. So the stored
    /// text is never longer than the text (column lengths hold).</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Encode(string? text)
    {
        if (text is null) return null;
        var encoded = EncodeAlways(text);
        return encoded.Length <= text.Length || (text.Length > 0 && Reserved.Contains(text[0], StringComparison.Ordinal)) ? encoded : text;
    }

    /// <summary>The encoded form of <paramref name="text"/>, whatever its length.</summary>
    public static string EncodeAlways(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length / 2 + 8).Append(Marker);
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            var index = Find(text, i);
            if (index >= 0)
            {
                if (index < OneByteCodes.Length) output.Append(OneByteCodes[index]);
                else output.Append(Lead).Append((char)(FirstTwoByteIndex + index - OneByteCodes.Length));
                i += Phrases[index].Length;
                continue;
            }
            var reserved = Reserved.IndexOf(c, StringComparison.Ordinal);
            if (reserved >= 0) output.Append(Escape).Append((char)(FirstEscapeIndex + reserved));
            else output.Append(c);
            i++;
        }
        return output.ToString();
    }

    /// <summary>The text <paramref name="stored"/> holds: decoded when it is in the encoded form, as it is otherwise (null stays null).
    /// Throws <see cref="InvalidOperationException"/> when an encoded text is malformed.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(stored))]
    public static string? Decode(string? stored)
    {
        if (stored is null || !IsEncoded(stored)) return stored;
        var output = new StringBuilder(stored.Length * 3);
        for (var i = 1; i < stored.Length; i++)
        {
            var c = stored[i];
            if (c == Lead || c == Escape)
            {
                if (++i == stored.Length) throw Malformed($"it ends inside a code (U+{(int)c:X4})");
                var k = stored[i];
                var index = c == Lead ? OneByteCodes.Length + (k - FirstTwoByteIndex) : k - FirstEscapeIndex;
                if (c == Lead && (k < FirstTwoByteIndex || index >= Phrases.Count)) throw Malformed($"U+{(int)k:X4} after the lead is no phrase");
                if (c == Escape && (index < 0 || index >= Reserved.Length)) throw Malformed($"U+{(int)k:X4} after the escape is no reserved character");
                if (c == Lead) output.Append(Phrases[index]);
                else output.Append(Reserved[index]);
                continue;
            }
            var code = OneByteCodes.IndexOf(c, StringComparison.Ordinal);
            if (code >= 0) output.Append(Phrases[code]);
            else if (Reserved.Contains(c, StringComparison.Ordinal)) throw Malformed($"U+{(int)c:X4} stands unescaped");
            else output.Append(c);
        }
        return output.ToString();
    }

    /// <summary>The (from, to) pairs that, applied in order by SQL <c>replace()</c> to an encoded text without its marker, give the
    /// decoded text: two-character phrase codes, one-character phrase codes, escapes, and the escaped escape last.</summary>
    public static IEnumerable<(string From, string To)> SqlReplacements()
    {
        for (var k = OneByteCodes.Length; k < Phrases.Count; k++)
            yield return (string.Concat(Lead, (char)(FirstTwoByteIndex + k - OneByteCodes.Length)), Phrases[k]);
        for (var k = 0; k < OneByteCodes.Length; k++) yield return (OneByteCodes[k].ToString(), Phrases[k]);
        var escapeIndex = Reserved.IndexOf(Escape, StringComparison.Ordinal);
        for (var r = 0; r < Reserved.Length; r++)
            if (r != escapeIndex) yield return (string.Concat(Escape, (char)(FirstEscapeIndex + r)), Reserved[r].ToString());
        yield return (string.Concat(Escape, (char)(FirstEscapeIndex + escapeIndex)), Escape.ToString());
    }

    /// <summary>The index of the longest phrase starting at <paramref name="start"/>, or -1.</summary>
    private static int Find(string text, int start)
    {
        if (start + 1 >= text.Length || text[start] >= 128 || text[start + 1] >= 128) return -1;
        var rest = text.AsSpan(start);
        foreach (var index in s_byFirstChars[text[start] * 128 + text[start + 1]])
        {
            if (rest.StartsWith(Phrases[index], StringComparison.Ordinal)) return index;
        }
        return -1;
    }

    private static InvalidOperationException Malformed(string why) => new($"The stored text cannot be read: {why}.");

    private static int[][] BuildIndex()
    {
        if (Phrases.Count > OneByteCodes.Length + ('~' - FirstTwoByteIndex + 1)) throw new InvalidOperationException("Too many phrases for the codes.");
        if (Phrases.Distinct(StringComparer.Ordinal).Count() != Phrases.Count) throw new InvalidOperationException("A phrase is listed twice.");
        if (Phrases.Any(p => p.Length < 2 || p.Any(c => c < ' ' || c > '~')))
            throw new InvalidOperationException("A phrase must be printable ASCII of two characters or more.");
        var index = new int[128 * 128][];
        Array.Fill(index, []);
        foreach (var group in Enumerable.Range(0, Phrases.Count).GroupBy(i => Phrases[i][0] * 128 + Phrases[i][1]))
            index[group.Key] = group.OrderByDescending(i => Phrases[i].Length).ToArray();
        return index;
    }
}
