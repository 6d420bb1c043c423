using System.Globalization;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>Reading an answer written as prose, and the confidence rule shared with the JSON form.</summary>
public static partial class LlmAnswerParser
{
    private static readonly string[] Negations =
        ["not", "no", "never", "don't", "dont", "do-not", "cannot", "avoid", "against", "without", "neither", "nor"];

    private static readonly string[] Fillers =
        ["of", "is", "level", "score", "rating", "at", "around", "about", "approximately", "roughly", "approx", "was", "would", "be", "i", "am", "i'm", "my", "=", "~"];

    private static readonly string[] ThresholdWords = ["min", "minimum", "required", "threshold", "needed", "least"];

    /// <summary>
    /// Prose: the action is the one of the words BUY, SELL, HOLD (whole words, any case; <c>sell-off</c> and <c>buying</c> do
    /// not count) that the text names; naming two different ones fails, and so does a mention preceded within three
    /// words of its clause by a negation (<c>not</c>, <c>no</c>, <c>never</c>, <c>don't</c>, <c>…n't</c>, <c>avoid</c>, …).
    /// The confidence is the number after the word confidence/confident (past fillers such as "of", "is", "level", and
    /// punctuation: "Confidence: 65", "confidence of 80%") or a percentage just before it ("80% confidence"); mentions
    /// of a minimum/threshold confidence are ignored; none, or two different values, fails.
    /// </summary>
    private static LlmParseResult ParseProse(string text)
    {
        var tokens = ProseLexer.Tokenize(text);
        TradeAction? action = null;
        string? confidenceLiteral = null;
        double? confidence = null;
        for (var k = 0; k < tokens.Count; k++)
        {
            var token = tokens[k];
            if (token.Kind != ProseTokenKind.Word) continue;
            var word = token.Span(text);
            if (ReadAction(word) is { } mentioned)
            {
                if (Negated(tokens, k, text))
                    return LlmParseResult.Fail($"The answer negates an action (\"… {word.ToString()}\"); it cannot be read with certainty.");
                if (action is { } earlier && earlier != mentioned)
                    return LlmParseResult.Fail($"The answer names more than one action ({PromptBuilder.ActionWord(earlier)} and {PromptBuilder.ActionWord(mentioned)}).");
                action = mentioned;
            }
            else if (IsConfidenceWord(word) && ConfidenceAround(tokens, k, text) is { } literal)
            {
                if (!TryReadConfidence(literal, out var value, out var error)) return LlmParseResult.Fail(error!);
                if (confidence is { } seen && seen != value)
                    return LlmParseResult.Fail($"The answer gives different confidences ({confidenceLiteral} and {literal}).");
                confidence = value;
                confidenceLiteral = literal;
            }
        }
        if (action is null) return LlmParseResult.Fail("The answer names no action (BUY, SELL or HOLD).");
        if (confidence is null) return LlmParseResult.Fail($"The answer says {PromptBuilder.ActionWord(action.Value)} but gives no confidence.");
        return LlmParseResult.Ok(new LlmVerdict(action.Value, confidence.Value, Cap(text)));
    }

    private static bool Negated(List<ProseToken> tokens, int index, string text)
    {
        for (int k = index - 1, words = 0; k >= 0 && words < 3; k--)
        {
            var token = tokens[k];
            if (token.Kind == ProseTokenKind.Boundary) return false;
            if (token.Kind != ProseTokenKind.Word) continue;
            words++;
            var word = token.Span(text);
            if (word.EndsWith("n't", StringComparison.OrdinalIgnoreCase) || word.EndsWith("n’t", StringComparison.OrdinalIgnoreCase)) return true;
            foreach (var negation in Negations)
                if (word.Equals(negation, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static bool IsConfidenceWord(ReadOnlySpan<char> word) =>
        word.Equals("confidence", StringComparison.OrdinalIgnoreCase) || word.Equals("confident", StringComparison.OrdinalIgnoreCase)
        || word.Equals("conf", StringComparison.OrdinalIgnoreCase);

    /// <summary>The confidence literal attached to the confidence word at <paramref name="index"/>, or null.</summary>
    private static string? ConfidenceAround(List<ProseToken> tokens, int index, string text)
    {
        if (index > 0 && tokens[index - 1] is { Kind: ProseTokenKind.Word } before && IsOneOf(before.Span(text), ThresholdWords)) return null;

        // "80% confidence", "80 percent confident"
        if (index > 0 && tokens[index - 1] is { Kind: ProseTokenKind.Number, Percent: true } number) return number.Literal(text);
        if (index > 1 && tokens[index - 1] is { Kind: ProseTokenKind.Word } percent && percent.Span(text).Equals("percent", StringComparison.OrdinalIgnoreCase)
            && tokens[index - 2].Kind == ProseTokenKind.Number)
            return tokens[index - 2].Span(text).ToString() + "%";

        // "confidence: 80%", "confidence of 0.8", "confidence level is 8/10", "confidence 75 percent"
        for (int k = index + 1, fillers = 0; k < tokens.Count; k++)
        {
            var token = tokens[k];
            if (token.Kind == ProseTokenKind.Number)
            {
                var literal = token.Literal(text);
                return k + 1 < tokens.Count && tokens[k + 1] is { Kind: ProseTokenKind.Word } next && next.Span(text).Equals("percent", StringComparison.OrdinalIgnoreCase)
                    ? literal + "%"
                    : literal;
            }
            if (token.Kind == ProseTokenKind.Boundary || !IsOneOf(token.Span(text), Fillers) || ++fillers > 4) return null;
        }
        return null;
    }

    private static bool IsOneOf(ReadOnlySpan<char> word, string[] words)
    {
        foreach (var w in words)
            if (word.Equals(w, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// Reads a confidence literal into percent (0–100) by the rule in the type's remarks: <c>%</c>/"percent" → percent;
    /// <c>a/b</c> → a÷b × 100; a whole number → percent; a decimal or exponent number ≤ 1 → fraction × 100, above 1 → percent.
    /// </summary>
    internal static bool TryReadConfidence(string literal, out double percent, out string? error)
    {
        percent = 0;
        var s = literal.AsSpan().Trim();
        var isPercent = false;
        if (s.EndsWith("%"))
        {
            s = s[..^1].TrimEnd();
            isPercent = true;
        }
        else if (s.EndsWith("percent", StringComparison.OrdinalIgnoreCase))
        {
            s = s[..^"percent".Length].TrimEnd();
            isPercent = true;
        }

        decimal value;
        var slash = s.IndexOf('/');
        if (slash >= 0 && !isPercent)
        {
            if (!TryDecimal(s[..slash].Trim(), out var part) || !TryDecimal(s[(slash + 1)..].Trim(), out var whole) || whole <= 0 || part < 0 || part > whole)
            {
                error = $"The confidence \"{Clip(literal)}\" is not a fraction between 0 and 1.";
                return false;
            }
            value = part / whole * 100;
        }
        else if (TryDecimal(s, out value))
        {
            var written = s.ContainsAny('.', 'e', 'E');
            if (!isPercent && written && value is >= 0 and <= 1) value *= 100;
        }
        else
        {
            error = $"The confidence \"{Clip(literal)}\" is not a number.";
            return false;
        }

        if (value is < 0 or > 100)
        {
            error = $"The confidence {Clip(literal)} is outside 0-100%.";
            return false;
        }
        percent = (double)Math.Round(value, 4);
        error = null;
        return true;
    }

    private static bool TryDecimal(ReadOnlySpan<char> s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
}
