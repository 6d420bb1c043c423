using WawaTrader.Core.Analysis;
using WawaTrader.Core.Backtesting.Strategies;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Backtesting.Strategies;

public sealed class SmaCrossAnalystTests
{
    /// <summary>Two analysts fed the same bars, one through <see cref="SmaCrossAnalyst.Analyze"/> and one through the quiet entry:
    /// the same Buys and Sells on the same bars (the quiet one null for every Hold), whether or not a position is held.</summary>
    [Theory]
    [InlineData("SPY-2017-2018-daily.csv", 5, 20)]
    [InlineData("GOOG-2004-2013-daily.csv", 10, 30)]
    public void Quiet_entry_proposes_what_Analyze_proposes_and_nothing_for_a_hold(string file, int fast, int slow)
    {
        var full = new SmaCrossAnalyst(fast, slow);
        var quiet = new SmaCrossAnalyst(fast, slow);
        var state = new IndicatorState();
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile(file));
        var (buys, sells) = (0, 0);
        for (var i = 0; i < bars.Length; i++)
        {
            state.Add(bars[i]);
            var held = i % 3 == 0 ? 0m : 10m; // sometimes flat: a bearish cross without a position is a Hold
            var expected = full.Analyze(new AnalysisContext("SPY", state.ToSnapshot(), held, 100m) { Explain = false });
            var actual = quiet.ProposeQuietly("SPY", state.Current, held, 100m)?.ToProposal("SPY");
            if (expected.Action == TradeAction.Hold)
            {
                Assert.Null(actual);
                continue;
            }
            Assert.NotNull(actual);
            Assert.Equal((expected.Symbol, expected.Action, expected.Confidence, expected.Source), (actual.Symbol, actual.Action, actual.Confidence, actual.Source));
            Assert.Equal("", actual.Reasoning);
            if (expected.Action == TradeAction.Buy) buys++;
            else sells++;
        }
        Assert.True(buys > 3 && sells > 3, $"{buys} buys, {sells} sells compared");
    }

    [Fact]
    public void A_bar_seen_twice_advances_the_window_once()
    {
        var analyst = new SmaCrossAnalyst(1, 2);
        var state = new IndicatorState();
        foreach (var (close, day) in new[] { (10.0, 1), (9.0, 2), (12.0, 3) })
            state.Add(new Bar(new DateTime(2024, 1, day, 21, 0, 0, DateTimeKind.Utc), close, close, close, close, 100));
        Assert.Null(analyst.ProposeQuietly("X", state.Current, 0m, 0m)); // the first bar it sees: no previous averages yet

        state.Add(new Bar(new DateTime(2024, 1, 4, 21, 0, 0, DateTimeKind.Utc), 20, 20, 20, 20, 100));
        // SMA1 20 against SMA2 16, but the bar before had no SMA2 yet: no crossing to read.
        Assert.Null(analyst.ProposeQuietly("X", state.Current, 0m, 0m));
        state.Add(new Bar(new DateTime(2024, 1, 5, 21, 0, 0, DateTimeKind.Utc), 5, 5, 5, 5, 100));
        Assert.Null(analyst.ProposeQuietly("X", state.Current, 0m, 0m)); // crossed below, but nothing held
        state.Add(new Bar(new DateTime(2024, 1, 8, 21, 0, 0, DateTimeKind.Utc), 30, 30, 30, 30, 100));
        var buy = analyst.ProposeQuietly("X", state.Current, 0m, 0m);
        Assert.Equal(TradeAction.Buy, buy?.Action);
        // The same bar again (as a retried step would) does not move the averages: no second crossing.
        Assert.Equal(TradeAction.Buy, analyst.ProposeQuietly("X", state.Current, 0m, 0m)?.Action);
        Assert.Equal(TradeAction.Buy, analyst.Analyze(new AnalysisContext("X", state.ToSnapshot(), 0m, 0m)).Action);
    }
}
