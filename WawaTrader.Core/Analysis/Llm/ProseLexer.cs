namespace WawaTrader.Core.Analysis.Llm;

internal enum ProseTokenKind { Word, Number, Boundary }

/// <summary>
/// A token of prose: a word (a letter, then letters, digits, <c>- _ ' ’</c>), a number (optionally signed when the sign
/// touches it, with a fraction, a <c>/b</c> part and a <c>%</c> within one space, all in <see cref="Length"/>), or a clause
/// boundary (<c>. ! ? ;</c> or a line end).
/// </summary>
internal readonly record struct ProseToken(ProseTokenKind Kind, int Start, int Length, bool Percent)
{
    public ReadOnlySpan<char> Span(string text) => text.AsSpan(Start, Length);

    public string Literal(string text) => text.Substring(Start, Length);
}

/// <summary>Splits prose into <see cref="ProseToken"/>s; everything else (spaces, <c>: , * ( )</c> …) is skipped.</summary>
internal static class ProseLexer
{
    public static List<ProseToken> Tokenize(string s)
    {
        var tokens = new List<ProseToken>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsLetter(c))
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '-' or '_' or '\'' or '’')) i++;
                var end = i;
                while (end > start + 1 && s[end - 1] is '-' or '\'' or '’') end--;
                tokens.Add(new ProseToken(ProseTokenKind.Word, start, end - start, false));
            }
            else if (char.IsAsciiDigit(c) || (c is '.' or '-' or '+' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]) && !WordBefore(s, i)))
            {
                tokens.Add(ReadNumber(s, ref i));
            }
            else
            {
                if (c is '.' or '!' or '?' or ';' or '\n') tokens.Add(new ProseToken(ProseTokenKind.Boundary, i, 1, false));
                i++;
            }
        }
        return tokens;
    }

    private static bool WordBefore(string s, int i) => i > 0 && char.IsLetterOrDigit(s[i - 1]);

    private static ProseToken ReadNumber(string s, ref int i)
    {
        var start = i;
        if (s[i] is '-' or '+') i++;
        Digits(s, ref i);
        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            Digits(s, ref i);
        }
        var end = i;
        var j = i;
        if (j < s.Length && s[j] == ' ') j++;
        if (j + 1 < s.Length && s[j] == '/' )
        {
            var k = j + 1;
            if (k < s.Length && s[k] == ' ') k++;
            if (k < s.Length && char.IsAsciiDigit(s[k]))
            {
                Digits(s, ref k);
                if (k + 1 < s.Length && s[k] == '.' && char.IsAsciiDigit(s[k + 1])) { k++; Digits(s, ref k); }
                i = end = k;
                return new ProseToken(ProseTokenKind.Number, start, end - start, false);
            }
        }
        var percent = j < s.Length && s[j] == '%';
        if (percent) i = end = j + 1;
        return new ProseToken(ProseTokenKind.Number, start, end - start, percent);
    }

    private static void Digits(string s, ref int i)
    {
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
    }
}
