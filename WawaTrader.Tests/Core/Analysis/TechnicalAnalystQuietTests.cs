using WawaTrader.Core.Analysis;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Analysis;

/// <summary>A proposal made without its reasoning (backtests) must be the live proposal minus the text, on every bar of real data;
/// the quiet entry (<see cref="TechnicalAnalyst.ProposeQuietly"/>) gives that proposal, or null for a Hold.</summary>
public sealed class TechnicalAnalystQuietTests
{
    [Theory]
    [InlineData("SPY-2017-2018-daily.csv")]
    [InlineData("GOOG-2004-2013-daily.csv")]
    public void Without_reasoning_every_bar_gets_the_same_action_and_confidence_and_the_quiet_entry_drops_only_holds(string file)
    {
        var analyst = new TechnicalAnalyst(new TechnicalAnalystOptions());
        var state = new IndicatorState();
        var compared = 0;
        var actions = new HashSet<TradeAction>();
        foreach (var bar in CsvBarReader.ReadFile(SharedData.MarketFile(file)))
        {
            state.Add(bar);
            var snapshot = state.ToSnapshot();
            // Flat, and holding at a price far above the close (the stop-loss branch) and below it (the ordinary sell branch).
            foreach (var (quantity, average) in new[] { (0m, 0m), (10m, (decimal)bar.Close * 1.5m), (10m, (decimal)bar.Close * 0.9m) })
            {
                var context = new AnalysisContext("X", snapshot, quantity, average);
                var explained = analyst.Analyze(context);
                var quiet = analyst.Analyze(context with { Explain = false });
                var screened = analyst.ProposeQuietly("X", state.Current, quantity, average)?.ToProposal("X");

                Assert.Equal(explained.Action, quiet.Action);
                Assert.Equal(explained.Confidence, quiet.Confidence);
                Assert.Equal(explained.Source, quiet.Source);
                Assert.Equal("", quiet.Reasoning);
                Assert.NotEqual("", explained.Reasoning);
                if (quiet.Action == TradeAction.Hold) Assert.Null(screened);
                else Assert.Equal(quiet, screened);
                actions.Add(quiet.Action);
                compared++;
            }
        }
        Assert.True(compared > 1000);
        Assert.Equal(3, actions.Count); // Buy, Sell and Hold were all compared
    }
}
