namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// Reads a model's answer into an <see cref="LlmVerdict"/> (action, confidence in percent 0–100, reasoning), or says why it
/// cannot be read with certainty. It never guesses a trade and never throws.
/// <para><b>Forms accepted.</b> A <c>&lt;think&gt;…&lt;/think&gt;</c> block is dropped first (only the text after the last
/// <c>&lt;/think&gt;</c> counts; an unclosed <c>&lt;think&gt;</c> drops everything after it). Then, if the text contains a
/// <c>{</c>, it is read as JSON: every complete object in it (bare, in a <c>```</c>/<c>```json</c> fence, among prose, in an
/// array or under a wrapper key such as <c>{"answer":{…}}</c>) with an <c>action</c> key is an answer. The reader is
/// forgiving (<see cref="LenientJson"/>: single quotes, unquoted keys and values, trailing commas); keys match
/// case-insensitively; <c>reasoning</c> may also be called <c>reason</c>, <c>rationale</c> or <c>explanation</c> (it may be
/// missing: empty reasoning). Several answers must agree on action and confidence. Without a <c>{</c> the text is read
/// as prose (see <see cref="ParseProse"/>), and the whole text is the reasoning.</para>
/// <para><b>Action</b>: exactly <c>BUY</c>, <c>SELL</c> or <c>HOLD</c> in any case; no synonyms, no "STRONG BUY"; the word
/// must appear as such in the answer (not spelled with escapes), so a verdict's action word is always in the raw text.</para>
/// <para><b>Confidence</b> (<see cref="TryReadConfidence"/>), always returned in percent: with a <c>%</c> sign or the word
/// "percent" it is percent; <c>a/b</c> is the fraction a÷b (<c>8/10</c> = 80); a whole number without a sign is percent
/// (<c>85</c> = 85, <c>1</c> = 1); a number written with a decimal point or exponent is a fraction when it is at most 1
/// (<c>0.85</c> = 85, <c>1.0</c> = 100) and percent above 1 (<c>85.5</c> = 85.5). The result must lie in 0–100.</para>
/// <para><b>Refused</b>: null, empty or blank; JSON that cannot be read or has no <c>action</c>; an action that is not one of
/// the three words; a missing, non-numeric, negative or above-100 confidence; answers that disagree; prose naming two
/// actions, negating one ("I would not buy"), or giving no confidence or two different ones.</para>
/// <para><b>Order type</b> (JSON only, optional): <c>"order_type":"limit"</c> with a positive <c>"limit_price"</c> asks for a limit
/// order (<see cref="LlmVerdict.LimitPrice"/>, ignored on HOLD); absent or <c>"market"</c> is a market order. Another type, or a
/// limit without a positive price, is refused.</para>
/// <para>Reasoning is trimmed and capped at <see cref="MaxReasoningLength"/> characters.</para>
/// </summary>
public static partial class LlmAnswerParser
{
    /// <summary>Longest reasoning kept, in characters (longer text is cut and ends with an ellipsis).</summary>
    public const int MaxReasoningLength = 2_000;

    private const int MaxObjectAttempts = 64;

    private static readonly string[] ReasoningKeys = ["reasoning", "reason", "rationale", "explanation"];

    /// <summary>Parses <paramref name="raw"/>, the model's whole answer; see the type's remarks for the rules.</summary>
    public static LlmParseResult Parse(string? raw)
    {
        if (raw is null) return LlmParseResult.Fail("The model returned no answer.");
        var text = WithoutThinking(raw).Trim();
        if (text.Length == 0)
            return LlmParseResult.Fail(raw.Trim().Length == 0 ? "The answer is empty." : "The answer holds only the model's thinking, no answer.");
        return text.Contains('{') ? ParseJson(text) : ParseProse(text);
    }

    private static string WithoutThinking(string text)
    {
        var close = text.LastIndexOf("</think>", StringComparison.OrdinalIgnoreCase);
        if (close >= 0) return text[(close + "</think>".Length)..];
        var open = text.IndexOf("<think>", StringComparison.OrdinalIgnoreCase);
        return open >= 0 ? text[..open] : text;
    }

    private static LlmParseResult ParseJson(string text)
    {
        var answers = new List<JsonObjectNode>(1);
        var objects = 0;
        var attempts = 0;
        var i = text.IndexOf('{');
        while (i >= 0 && attempts++ < MaxObjectAttempts)
        {
            if (LenientJson.TryReadObject(text, i, out var node, out var end))
            {
                objects++;
                CollectAnswers(node!, answers, 0);
                i = end < text.Length ? text.IndexOf('{', end) : -1;
            }
            else
            {
                i = i + 1 < text.Length ? text.IndexOf('{', i + 1) : -1;
            }
        }

        if (answers.Count == 0)
        {
            return LlmParseResult.Fail(objects > 0
                ? "The JSON answer has no \"action\" field."
                : "The answer contains JSON that could not be read (malformed or cut off).");
        }

        LlmVerdict? first = null;
        foreach (var answer in answers)
        {
            var result = ReadAnswer(answer, text);
            if (!result.Success) return result;
            var verdict = result.Verdict!;
            if (first is null) first = verdict;
            else if (verdict.Action != first.Action || verdict.Confidence != first.Confidence || verdict.LimitPrice != first.LimitPrice)
            {
                return LlmParseResult.Fail($"The answer holds several JSON answers that disagree ({Describe(first)} and {Describe(verdict)}).");
            }
        }
        return LlmParseResult.Ok(first!);
    }

    /// <summary>An object with an <c>action</c> key is an answer (its children are not searched); otherwise its values are.</summary>
    private static void CollectAnswers(JsonNode node, List<JsonObjectNode> answers, int depth)
    {
        if (depth > LenientJson.MaxDepth) return;
        switch (node)
        {
            case JsonObjectNode o when Find(o, "action") is not null:
                answers.Add(o);
                break;
            case JsonObjectNode o:
                foreach (var member in o.Members) CollectAnswers(member.Value, answers, depth + 1);
                break;
            case JsonArrayNode a:
                foreach (var item in a.Items) CollectAnswers(item, answers, depth + 1);
                break;
        }
    }

    private static LlmParseResult ReadAnswer(JsonObjectNode answer, string text)
    {
        var actions = All(answer, "action");
        if (actions.Count > 1 && actions.Any(a => !Equals(a, actions[0])))
            return LlmParseResult.Fail("The JSON answer has several different \"action\" fields.");
        if (actions[0] is not JsonTextNode { Text: var actionText } || ReadAction(actionText) is not { } action)
            return LlmParseResult.Fail($"The JSON answer's action {Show(actions[0])} is not BUY, SELL or HOLD.");
        if (!text.Contains(PromptBuilder.ActionWord(action), StringComparison.OrdinalIgnoreCase))
            return LlmParseResult.Fail("The JSON answer's action is written with escapes; it is not read as a trade.");

        var confidences = All(answer, "confidence");
        if (confidences.Count == 0) return LlmParseResult.Fail("The JSON answer has no \"confidence\" field.");
        if (confidences.Count > 1 && confidences.Any(c => !Equals(c, confidences[0])))
            return LlmParseResult.Fail("The JSON answer has several different \"confidence\" fields.");
        var literal = confidences[0] switch
        {
            JsonNumberNode n => n.Raw,
            JsonTextNode t => t.Text,
            _ => null,
        };
        if (literal is null) return LlmParseResult.Fail($"The JSON answer's confidence {Show(confidences[0])} is not a number.");
        if (!TryReadConfidence(literal, out var confidence, out var error)) return LlmParseResult.Fail(error!);

        var reasoning = "";
        foreach (var key in ReasoningKeys)
        {
            if (Find(answer, key) is { } value)
            {
                reasoning = value switch
                {
                    JsonTextNode t => t.Text,
                    JsonArrayNode a => string.Join(" ", a.Items.OfType<JsonTextNode>().Select(x => x.Text.Trim())),
                    _ => "",
                };
                break;
            }
        }
        if (!TryReadLimit(answer, out var limitPrice, out var limitError)) return LlmParseResult.Fail(limitError!);
        return LlmParseResult.Ok(new LlmVerdict(action, confidence, Cap(reasoning)) { LimitPrice = action == TradeAction.Hold ? null : limitPrice });
    }

    /// <summary>The optional order type: absent or <c>market</c> is a market order (any <c>limit_price</c> ignored); <c>limit</c> needs
    /// a positive finite <c>limit_price</c> (a number, or a number in a string).</summary>
    private static bool TryReadLimit(JsonObjectNode answer, out decimal? limitPrice, out string? error)
    {
        limitPrice = null;
        error = null;
        var type = Find(answer, "order_type") switch
        {
            null => "market",
            JsonTextNode t => t.Text.Trim().ToLowerInvariant(),
            var other => Show(other),
        };
        if (type == "market") return true;
        if (type != "limit")
        {
            error = $"The JSON answer's order_type {type} is not \"market\" or \"limit\".";
            return false;
        }
        var literal = Find(answer, "limit_price") switch
        {
            JsonNumberNode n => n.Raw,
            JsonTextNode t => t.Text.Trim(),
            _ => null,
        };
        if (literal is null || !decimal.TryParse(literal, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var price)
            || price <= 0m)
        {
            error = "The JSON answer asks for a limit order without a positive \"limit_price\".";
            return false;
        }
        limitPrice = price;
        return true;
    }

    private static TradeAction? ReadAction(ReadOnlySpan<char> word)
    {
        word = word.Trim();
        if (word.Equals("buy", StringComparison.OrdinalIgnoreCase)) return TradeAction.Buy;
        if (word.Equals("sell", StringComparison.OrdinalIgnoreCase)) return TradeAction.Sell;
        if (word.Equals("hold", StringComparison.OrdinalIgnoreCase)) return TradeAction.Hold;
        return null;
    }

    private static JsonNode? Find(JsonObjectNode o, string key)
    {
        foreach (var member in o.Members)
            if (member.Key.AsSpan().Trim().Equals(key, StringComparison.OrdinalIgnoreCase)) return member.Value;
        return null;
    }

    private static List<JsonNode> All(JsonObjectNode o, string key) =>
        o.Members.Where(m => m.Key.AsSpan().Trim().Equals(key, StringComparison.OrdinalIgnoreCase)).Select(m => m.Value).ToList();

    private static string Show(JsonNode node) => node switch
    {
        JsonTextNode t => $"\"{Clip(t.Text)}\"",
        JsonNumberNode n => n.Raw,
        JsonLiteralNode l => l.Raw,
        JsonArrayNode => "(a list)",
        _ => "(an object)",
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Describe(LlmVerdict v) =>
        $"{PromptBuilder.ActionWord(v.Action)} {v.Confidence.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%";

    private static string Cap(string reasoning)
    {
        reasoning = reasoning.Trim();
        return reasoning.Length <= MaxReasoningLength ? reasoning : reasoning[..(MaxReasoningLength - 1)].TrimEnd() + "…";
    }
}
