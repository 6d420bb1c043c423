using System.Text;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>
/// Property tests: seeded garbage never makes the parser throw, and a verdict only ever comes from text that names its
/// action as a word and carries a number. Each test owns its seeded <see cref="Random"/>, so a failure repeats.
/// </summary>
public sealed class LlmAnswerParserFuzzTests
{
    private const string ValidAnswer = """
        ```json
        {"action": "BUY", "confidence": 0.85, "reasoning": "RSI14 25.0 oversold; MACD above its signal line; it's a 'clean' setup."}
        ```
        Note: I would not sell.
        """;

    private static readonly string[] Vocabulary =
    [
        "buy", "SELL", "Hold", "not", "don't", "confidence", "confident", "80%", "0.85", "85", "-5", "150", "8/10", "percent",
        "{", "}", "[", "]", "\"", "'", ":", ",", ".", "\n", "```", "```json", "action", "\"action\"", "'action'", "Action:",
        "\"confidence\"", "reasoning", "\"BUY\"", "'sell'", "null", "true", "<think>", "</think>", "\\", "\\u00", "minimum",
        "sell-off", "buying", " ", "  ", "é", "😀", "\0", "NaN", "1e999", "{\"action\":", "}}", "{{",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_characters_never_throw_and_never_invent_a_trade(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < 3_000; n++)
        {
            var length = random.Next(0, 200);
            var text = new StringBuilder(length);
            for (var k = 0; k < length; k++)
            {
                text.Append(random.Next(4) switch
                {
                    0 => (char)random.Next(0, 128),                 // ASCII, controls included
                    1 => (char)random.Next(0, char.MaxValue + 1),   // any UTF-16 unit, lone surrogates included
                    2 => "{}[]\"':,%./-0123456789 \n"[random.Next(24)],
                    _ => (char)random.Next('a', 'z' + 1),
                });
            }
            AssertInvariant(text.ToString());
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    public void Random_token_soup_never_throws_and_every_verdict_names_its_action(int seed)
    {
        var random = new Random(seed);
        var verdicts = 0;
        for (var n = 0; n < 5_000; n++)
        {
            var count = random.Next(0, 25);
            var text = new StringBuilder();
            for (var k = 0; k < count; k++) text.Append(Vocabulary[random.Next(Vocabulary.Length)]).Append(random.Next(3) == 0 ? "" : " ");
            if (AssertInvariant(text.ToString())) verdicts++;
        }
        Assert.InRange(verdicts, 1, 5_000); // the soup is rich enough to produce some readable answers, so the invariant is exercised
    }

    [Theory]
    [InlineData(20)]
    [InlineData(21)]
    public void Json_with_random_keys_and_values_never_throws(int seed)
    {
        var random = new Random(seed);
        string[] keys = ["action", "Action", "ACTION", "confidence", "Confidence", "reasoning", "reason", "answer", "x", "", "act ion"];
        string[] values = ["\"BUY\"", "\"sell\"", "'hold'", "HOLD", "85", "0.85", "\"85%\"", "-1", "101", "null", "[]", "{}", "\"\"", "\"buy or sell\"", "{\"action\":\"BUY\",\"confidence\":70}"];
        for (var n = 0; n < 5_000; n++)
        {
            var text = new StringBuilder("{");
            var members = random.Next(0, 5);
            for (var m = 0; m < members; m++)
            {
                if (m > 0) text.Append(',');
                text.Append('"').Append(keys[random.Next(keys.Length)]).Append("\":").Append(values[random.Next(values.Length)]);
            }
            if (random.Next(4) > 0) text.Append('}');
            AssertInvariant(text.ToString());
        }
    }

    [Fact]
    public void Every_truncation_of_a_valid_answer_is_handled_without_throwing()
    {
        Assert.True(LlmAnswerParser.Parse(ValidAnswer).Success);
        for (var length = 0; length <= ValidAnswer.Length; length++)
        {
            AssertInvariant(ValidAnswer[..length]);
            AssertInvariant(ValidAnswer[length..]);
        }
    }

    [Fact]
    public void Truncating_the_json_before_its_closing_brace_never_yields_a_verdict()
    {
        const string json = """{"action":"SELL","confidence":90,"reasoning":"Bearish across the board."}""";
        for (var length = 0; length < json.Length; length++)
            Assert.False(LlmAnswerParser.Parse(json[..length]).Success, json[..length]);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(31)]
    public void Single_character_mutations_of_a_valid_answer_never_throw(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < 3_000; n++)
        {
            var text = new StringBuilder(ValidAnswer);
            var position = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0: text.Remove(position, 1); break;
                case 1: text.Insert(position, "{}[]\"':,\\ \n"[random.Next(11)]); break;
                default: text[position] = (char)random.Next(32, 127); break;
            }
            AssertInvariant(text.ToString());
        }
    }

    [Fact]
    public void Deeply_nested_input_is_refused_without_overflowing_the_stack()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":[", 50_000)) + "{\"action\":\"BUY\",\"confidence\":80}";

        var result = LlmAnswerParser.Parse(deep);

        Assert.False(result.Success);
    }

    /// <summary>Parses and checks the invariant; returns whether a verdict came out.</summary>
    private static bool AssertInvariant(string raw)
    {
        var result = LlmAnswerParser.Parse(raw);
        Assert.True(result.Success ^ (result.Error is not null), raw);
        if (!result.Success) return false;
        var verdict = result.Verdict!;
        Assert.Contains(verdict.Action.ToString(), raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(raw, char.IsAsciiDigit);
        Assert.InRange(verdict.Confidence, 0, 100);
        Assert.True(verdict.Reasoning.Length <= LlmAnswerParser.MaxReasoningLength);
        return true;
    }
}
