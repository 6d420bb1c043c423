using System.Globalization;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Analysis.Llm;

public sealed class PromptBuilderTests
{
    private static readonly Proposal Technical = new("AAPL", TradeAction.Buy, 62.5, "BUY: bullish. Bullish: RSI14 25.0 oversold (<= 30).", DecisionSource.Technical);

    private static AnalysisContext Context(decimal quantity = 10, decimal averagePrice = 95) =>
        new("AAPL", Snapshots.Neutral() with { Close = 101.25, PreviousClose = 100, Rsi14 = 25, Obv = 123456 }, quantity, averagePrice);

    private static string Build(string template, AnalysisContext? context = null, RiskOptions? limits = null) =>
        PromptBuilder.Build(template, context ?? Context(), Technical, limits ?? new RiskOptions());

    [Theory]
    [InlineData("{{symbol}}", "AAPL")]
    [InlineData("{{time}}", "2024-03-01 21:00")]
    [InlineData("{{close}}", "101.25")]
    [InlineData("{{previousClose}}", "100.00")]
    [InlineData("{{change}}", "+1.25")]
    [InlineData("{{changePct}}", "+1.25%")]
    [InlineData("{{technicalAction}}", "BUY")]
    [InlineData("{{technicalConfidence}}", "62.5")]
    [InlineData("{{technicalReasoning}}", "BUY: bullish. Bullish: RSI14 25.0 oversold (<= 30).")]
    [InlineData("{{positionQuantity}}", "10")]
    [InlineData("{{positionAveragePrice}}", "95.00")]
    [InlineData("{{positionPnl}}", "+62.50")]     // (101.25 − 95) × 10
    [InlineData("{{positionPnlPct}}", "+6.58%")]  // 6.25 / 95
    [InlineData("{{minConfidence}}", "70")]
    [InlineData("{{ Symbol }}", "AAPL")]          // names are case-insensitive and may be padded
    public void Replaces_each_placeholder_with_its_value(string template, string expected)
    {
        Assert.Equal(expected, Build(template));
    }

    [Fact]
    public void Every_known_placeholder_is_replaced()
    {
        var template = string.Join("\n", PromptBuilder.KnownPlaceholders.Select(p => $"{p}=[{{{{{p}}}}}]"));

        var prompt = Build(template);

        Assert.DoesNotContain("{{", prompt);
        Assert.DoesNotContain("}}", prompt);
        Assert.Equal(16, PromptBuilder.KnownPlaceholders.Count);
    }

    [Fact]
    public void Indicator_table_lists_every_indicator_with_its_value_one_per_line()
    {
        var lines = Build("{{indicators}}").Split('\n');

        Assert.Equal(14, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("- ", line));
        Assert.Contains("- RSI14 (Wilder, 0-100): 25.00", lines);
        Assert.Contains("- SMA50 (50-bar simple moving average, trend filter): 100.00", lines);
        Assert.Contains("- OBV (on-balance volume, shares): 123456", lines);
        Assert.Contains("- Volume ratio (volume / its 20-bar average): 1.00", lines);
    }

    [Fact]
    public void Undefined_indicators_are_shown_as_not_available()
    {
        var context = Context() with { Indicators = Snapshots.WarmingUp() with { PreviousClose = double.NaN } };

        var prompt = Build("{{indicators}}|{{change}}|{{changePct}}", context);

        Assert.Contains("- RSI14 (Wilder, 0-100): n/a", prompt);
        Assert.Contains("- MACD (12/26): n/a", prompt);
        Assert.EndsWith("|n/a|n/a", prompt);
        Assert.DoesNotContain("NaN", prompt);
    }

    [Fact]
    public void Numbers_are_formatted_in_the_invariant_culture_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone(); // the app runs globalization-invariant: build a German-like culture
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            comma.NumberFormat.PercentDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var limits = new RiskOptions { MaxPositionPct = 12.5, MaxTradesPerDay = 1500 };

            var prompt = Build("{{close}} {{technicalConfidence}} {{positionQuantity}} {{limits}}", Context(quantity: 2.5m), limits);

            Assert.StartsWith("101.25 62.5 2.5 ", prompt);
            Assert.Contains("12.5% of equity", prompt);
            Assert.Contains("At most 1500 orders per day.", prompt);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Limits_name_all_five_risk_options()
    {
        var limits = new RiskOptions { MinConfidence = 71, MaxPositionPct = 11, MaxExposurePct = 31, MaxDailyLossPct = 2.5, MaxTradesPerDay = 9 };

        var lines = Build("{{limits}}", limits: limits).Split('\n');

        Assert.Equal(
        [
            "- A BUY or SELL trades only with confidence of at least 71%.",
            "- Largest position in one symbol: 11% of equity.",
            "- Largest total exposure (all positions): 31% of equity.",
            "- Daily loss limit: 2.5% of the day's starting equity; past it no new buys.",
            "- At most 9 orders per day.",
        ], lines);
    }

    [Fact]
    public void A_flat_position_has_no_average_price_and_no_pnl()
    {
        var prompt = Build("{{positionQuantity}}|{{positionAveragePrice}}|{{positionPnl}}|{{positionPnlPct}}", Context(quantity: 0, averagePrice: 0));

        Assert.Equal("0|n/a|0.00|n/a", prompt);
    }

    [Fact]
    public void A_losing_position_shows_a_negative_pnl()
    {
        var prompt = Build("{{positionPnl}} {{positionPnlPct}}", Context(quantity: 4, averagePrice: 110));

        Assert.Equal("-35.00 -7.95%", prompt); // (101.25 − 110) × 4; −8.75 / 110
    }

    [Fact]
    public void Unknown_placeholders_and_json_braces_are_left_as_written()
    {
        const string template = """{{symbl}} {{ not a name }} {"action":"BUY"} {{{symbol}}} {{close""";

        Assert.Equal("""{{symbl}} {{ not a name }} {"action":"BUY"} {AAPL} {{close""", Build(template));
    }

    [Fact]
    public void Empty_template_means_the_default_template()
    {
        Assert.Equal(Build(PromptTemplates.Default), Build("  "));
        Assert.Equal(PromptBuilder.Version(PromptTemplates.Default), PromptBuilder.Version(""));
    }

    [Fact]
    public void Default_template_renders_every_section_and_asks_for_json()
    {
        var prompt = Build(PromptTemplates.Default);

        Assert.Empty(PromptBuilder.UnknownPlaceholders(PromptTemplates.Default));
        Assert.DoesNotContain("{{", prompt);
        Assert.Contains("Symbol: AAPL", prompt);
        Assert.Contains("- RSI14 (Wilder, 0-100): 25.00", prompt);
        Assert.Contains(Technical.Reasoning, prompt);
        Assert.Contains("10 shares at an average price of 95.00", prompt);
        Assert.Contains("- At most 10 orders per day.", prompt);
        Assert.Contains("""{"action":"BUY|SELL|HOLD","confidence":0-100,"reasoning":""", prompt);
    }

    [Fact]
    public void Version_is_short_stable_and_ignores_line_endings_and_trailing_spaces()
    {
        var version = PromptBuilder.Version("Hello {{symbol}}\nBye");

        Assert.Matches("^v-[0-9a-f]{8}$", version);
        Assert.Equal(version, PromptBuilder.Version("Hello {{symbol}}\nBye"));
        Assert.Equal(version, PromptBuilder.Version("Hello {{symbol}}  \r\nBye\r\n"));
    }

    [Fact]
    public void Version_changes_with_the_text()
    {
        Assert.NotEqual(PromptBuilder.Version("Hello {{symbol}}\nBye"), PromptBuilder.Version("Hello {{symbol}}\nBye!"));
        Assert.NotEqual(PromptBuilder.Version(PromptTemplates.Default), PromptBuilder.Version(PromptTemplates.Default + " Be brief."));
    }

    [Fact]
    public void Unknown_placeholders_lists_typos_once_each_in_order()
    {
        var unknown = PromptBuilder.UnknownPlaceholders("{{symbl}} {{close}} {{ technicalReason }} {{symbl}} {{Close}} {\"a\":1} {{ not a name }}");

        Assert.Equal(["symbl", "technicalReason"], unknown);
    }

    [Fact]
    public void Unknown_placeholders_is_empty_for_known_names_in_any_case()
    {
        Assert.Empty(PromptBuilder.UnknownPlaceholders("{{SYMBOL}} {{ close }} {{changepct}} {{limits}}"));
    }
}
