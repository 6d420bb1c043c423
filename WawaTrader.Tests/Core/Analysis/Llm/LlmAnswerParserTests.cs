using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Tests.Core.Analysis.Llm;

public sealed class LlmAnswerParserTests
{
    [Theory]
    // clean JSON, any key case, whitespace
    [InlineData("""{"action":"BUY","confidence":85,"reasoning":"RSI oversold, MACD up."}""", TradeAction.Buy, 85)]
    [InlineData("""{"Action": "Sell", "Confidence": 72, "Reasoning": "Overbought."}""", TradeAction.Sell, 72)]
    [InlineData("""{ "ACTION" : "hold" , "CONFIDENCE" : 60 , "REASONING" : "Mixed." }""", TradeAction.Hold, 60)]
    [InlineData("{\n  \"action\": \"buy\",\n  \"confidence\": 90,\n  \"reasoning\": \"Line\nbreak inside.\"\n}", TradeAction.Buy, 90)]
    // code fences
    [InlineData("```json\n{\"action\":\"BUY\",\"confidence\":80,\"reasoning\":\"Fenced.\"}\n```", TradeAction.Buy, 80)]
    [InlineData("```\n{\"action\":\"SELL\",\"confidence\":75,\"reasoning\":\"Plain fence.\"}\n```", TradeAction.Sell, 75)]
    [InlineData("```JSON\n{\"action\":\"HOLD\",\"confidence\":55,\"reasoning\":\"x\"}\n```\nHope this helps!", TradeAction.Hold, 55)]
    // leading and trailing prose
    [InlineData("Here is my analysis:\n{\"action\":\"BUY\",\"confidence\":82,\"reasoning\":\"Trend up.\"}", TradeAction.Buy, 82)]
    [InlineData("{\"action\":\"HOLD\",\"confidence\":65,\"reasoning\":\"Wait.\"}\nI chose HOLD because it might be time to buy or sell later.", TradeAction.Hold, 65)]
    // single quotes, unquoted keys and values, trailing comma, apostrophe inside a single-quoted string
    [InlineData("{'action': 'buy', 'confidence': 0.85, 'reasoning': 'It's oversold'}", TradeAction.Buy, 85)]
    [InlineData("{action: SELL, confidence: 70%, reasoning: \"Bearish\",}", TradeAction.Sell, 70)]
    // confidence forms
    [InlineData("""{"action":"BUY","confidence":"85"}""", TradeAction.Buy, 85)]
    [InlineData("""{"action":"BUY","confidence":"85%"}""", TradeAction.Buy, 85)]
    [InlineData("""{"action":"BUY","confidence":"85 %"}""", TradeAction.Buy, 85)]
    [InlineData("""{"action":"BUY","confidence":0.85}""", TradeAction.Buy, 85)]
    [InlineData("""{"action":"BUY","confidence":"0.85"}""", TradeAction.Buy, 85)]
    [InlineData("""{"action":"BUY","confidence":.7}""", TradeAction.Buy, 70)]
    [InlineData("""{"action":"BUY","confidence":1.0}""", TradeAction.Buy, 100)]
    [InlineData("""{"action":"BUY","confidence":1}""", TradeAction.Buy, 1)]
    [InlineData("""{"action":"BUY","confidence":0}""", TradeAction.Buy, 0)]
    [InlineData("""{"action":"BUY","confidence":100}""", TradeAction.Buy, 100)]
    [InlineData("""{"action":"BUY","confidence":85.5}""", TradeAction.Buy, 85.5)]
    [InlineData("""{"action":"BUY","confidence":"0.5%"}""", TradeAction.Buy, 0.5)]
    [InlineData("""{"action":"BUY","confidence":"8/10"}""", TradeAction.Buy, 80)]
    [InlineData("""{"action":"BUY","confidence":8.5e1}""", TradeAction.Buy, 85)]
    // wrappers, arrays of one answer or of agreeing answers, think blocks
    [InlineData("""{"answer":{"action":"SELL","confidence":77,"reasoning":"r"}}""", TradeAction.Sell, 77)]
    [InlineData("""[{"action":"HOLD","confidence":50,"reasoning":"r"}]""", TradeAction.Hold, 50)]
    [InlineData("""[{"action":"BUY","confidence":80},{"action":"buy","confidence":"80%"}]""", TradeAction.Buy, 80)]
    [InlineData("<think>Maybe buy? Or sell? {not json</think>\n{\"action\":\"HOLD\",\"confidence\":60,\"reasoning\":\"r\"}", TradeAction.Hold, 60)]
    [InlineData("Considering sell... </think>Recommendation: BUY. Confidence: 75%", TradeAction.Buy, 75)]
    // an answer's own nested objects are not separate answers
    [InlineData("""{"action":"SELL","confidence":90,"alternatives":[{"action":"BUY","confidence":10}]}""", TradeAction.Sell, 90)]
    // prose
    [InlineData("I would BUY here, confidence 80%.", TradeAction.Buy, 80)]
    [InlineData("Recommendation: hold. Confidence: 65", TradeAction.Hold, 65)]
    [InlineData("**Action:** SELL\n**Confidence:** 0.9\n**Reasoning:** RSI overbought.", TradeAction.Sell, 90)]
    [InlineData("action: buy\nconfidence: 70\nreasoning: uptrend", TradeAction.Buy, 70)]
    [InlineData("BUY with 85% confidence: MACD crossed above its signal.", TradeAction.Buy, 85)]
    [InlineData("I am 70 percent confident: Hold.", TradeAction.Hold, 70)]
    [InlineData("Hold. My confidence level is 8/10.", TradeAction.Hold, 80)]
    [InlineData("HOLD - confidence of about 55 percent.", TradeAction.Hold, 55)]
    [InlineData("The recent sell-off looks done. BUY, confidence 72.", TradeAction.Buy, 72)]
    [InlineData("Buy. This clears the minimum confidence of 70%. Confidence: 80%.", TradeAction.Buy, 80)]
    [InlineData("Buy. Confidence 80%. Again: BUY, confidence 80%.", TradeAction.Buy, 80)]
    public void Reads_the_forms_small_models_produce(string raw, TradeAction action, double confidence)
    {
        var result = LlmAnswerParser.Parse(raw);

        Assert.True(result.Success, result.Error);
        Assert.Null(result.Error);
        Assert.Equal(action, result.Verdict!.Action);
        Assert.Equal(confidence, result.Verdict.Confidence, precision: 6);
    }

    [Theory]
    [InlineData(null, "no answer")]
    [InlineData("", "empty")]
    [InlineData("   \n\t ", "empty")]
    [InlineData("<think>I think BUY, confidence 80%", "thinking")]
    // JSON that is not an answer
    [InlineData("""{"recommendation":"BUY","confidence":80}""", "no \"action\"")]
    [InlineData("""{}""", "no \"action\"")]
    [InlineData("""{"action":"STRONG BUY","confidence":80}""", "not BUY, SELL or HOLD")]
    [InlineData("""{"action":"LONG","confidence":80}""", "not BUY, SELL or HOLD")]
    [InlineData("""{"action":"BUY|SELL|HOLD","confidence":"0-100","reasoning":"..."}""", "not BUY, SELL or HOLD")]
    [InlineData("""{"action":null,"confidence":80}""", "not BUY, SELL or HOLD")]
    [InlineData("""{"action":["BUY"],"confidence":80}""", "not BUY, SELL or HOLD")]
    [InlineData("""{"action":"BUY","action":"SELL","confidence":80}""", "several different \"action\"")]
    [InlineData("""{"action":"B\UY","confidence":80}""", "could not be read")]
    [InlineData("""{"action":"\u0042UY","confidence":80}""", "escapes")]
    [InlineData("""{"action":"BUY","reasoning":"no confidence"}""", "no \"confidence\"")]
    [InlineData("""{"action":"BUY","confidence":"high"}""", "not a number")]
    [InlineData("""{"action":"BUY","confidence":null}""", "not a number")]
    [InlineData("""{"action":"BUY","confidence":150}""", "outside 0-100")]
    [InlineData("""{"action":"BUY","confidence":-5}""", "outside 0-100")]
    [InlineData("""{"action":"BUY","confidence":"101%"}""", "outside 0-100")]
    [InlineData("""{"action":"BUY","confidence":"11/10"}""", "not a fraction")]
    [InlineData("""[{"action":"BUY","confidence":80},{"action":"SELL","confidence":80}]""", "disagree")]
    [InlineData("""[{"action":"BUY","confidence":80},{"action":"BUY","confidence":60}]""", "disagree")]
    [InlineData("""{"action":"BUY","confidence":80,"reasoning":"RSI is""", "could not be read")]
    [InlineData("""{"action":"BUY" "confidence":80}""", "could not be read")]
    [InlineData("I would BUY {because reasons} with confidence 80%", "could not be read")]
    // prose that is not certain
    [InlineData("You could buy or sell here, confidence 60%.", "more than one action")]
    [InlineData("BUY/SELL: confidence 50", "more than one action")]
    [InlineData("I would not buy now. Confidence 70%.", "negates")]
    [InlineData("Don't sell; confidence 80%.", "negates")]
    [InlineData("I wouldn't BUY at this level, confidence 65", "negates")]
    [InlineData("Never hold a loser. Confidence 90.", "negates")]
    [InlineData("I would BUY here.", "no confidence")]
    [InlineData("Recommendation: BUY. Confidence: high.", "no confidence")]
    [InlineData("BUY: the price is up 2.5% today.", "no confidence")]
    [InlineData("BUY, confidence 80%, or maybe confidence 60%.", "different confidences")]
    [InlineData("BUY with confidence 180%.", "outside 0-100")]
    [InlineData("BUY, confidence: -20", "outside 0-100")]
    [InlineData("The market is uncertain. Confidence 50%.", "no action")]
    [InlineData("I recommend buying; confidence 80%.", "no action")]
    public void Refuses_what_it_cannot_read_with_certainty(string? raw, string errorPart)
    {
        var result = LlmAnswerParser.Parse(raw);

        Assert.False(result.Success);
        Assert.Null(result.Verdict);
        Assert.Contains(errorPart, result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Reasoning_comes_from_the_json_field()
    {
        var result = LlmAnswerParser.Parse("""Sure! {"action":"BUY","confidence":85,"reasoning":"  RSI14 25 is oversold.  "} Anything else?""");

        Assert.Equal("RSI14 25 is oversold.", result.Verdict!.Reasoning);
    }

    [Theory]
    [InlineData("reason")]
    [InlineData("Rationale")]
    [InlineData("explanation")]
    public void Reasoning_may_use_a_synonym_key(string key)
    {
        var result = LlmAnswerParser.Parse($$"""{"action":"SELL","confidence":70,"{{key}}":"Overbought."}""");

        Assert.Equal("Overbought.", result.Verdict!.Reasoning);
    }

    [Fact]
    public void Missing_reasoning_in_json_is_empty_not_a_failure()
    {
        var result = LlmAnswerParser.Parse("""{"action":"HOLD","confidence":60}""");

        Assert.Equal("", result.Verdict!.Reasoning);
    }

    [Fact]
    public void Json_escapes_in_reasoning_are_decoded()
    {
        var result = LlmAnswerParser.Parse("""{"action":"HOLD","confidence":60,"reasoning":"say \"wait\"\nthen \u00e9"}""");

        Assert.Equal("say \"wait\"\nthen é", result.Verdict!.Reasoning);
    }

    [Fact]
    public void Prose_reasoning_is_the_whole_answer_trimmed()
    {
        var result = LlmAnswerParser.Parse("  \nRecommendation: hold. Confidence: 65. Signals are mixed.\n ");

        Assert.Equal("Recommendation: hold. Confidence: 65. Signals are mixed.", result.Verdict!.Reasoning);
    }

    [Fact]
    public void Long_reasoning_is_capped()
    {
        var result = LlmAnswerParser.Parse("BUY, confidence 80%. " + new string('x', 5_000));

        Assert.Equal(LlmAnswerParser.MaxReasoningLength, result.Verdict!.Reasoning.Length);
        Assert.EndsWith("…", result.Verdict.Reasoning);
    }

    [Fact]
    public void Prose_reasoning_excludes_the_thinking_block()
    {
        var result = LlmAnswerParser.Parse("<think>sell? no.</think> HOLD, confidence 60%.");

        Assert.Equal("HOLD, confidence 60%.", result.Verdict!.Reasoning);
    }
}
