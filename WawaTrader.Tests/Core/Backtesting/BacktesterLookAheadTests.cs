using WawaTrader.Core.Analysis;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Backtesting.Strategies;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using static WawaTrader.Tests.Core.Backtesting.BacktestHarness;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>No look-ahead: the future cannot be seen through the engine, and knowing it without being able to trade on it earns nothing.</summary>
public sealed class BacktesterLookAheadTests
{
    [Fact]
    public async Task The_market_never_serves_a_bar_before_its_step()
    {
        var a = new BacktestSeries("AAA", Daily(0, (10, 10), (10, 11), (11, 12), (12, 13), (13, 14)));
        var b = new BacktestSeries("BBB", [.. Daily(1, (50, 50)), .. Daily(4, (60, 60))]);
        var market = new HistoricalMarket([a, b]);

        var seen = new List<(DateTime Now, DateTime Latest)>();
        while (market.Advance())
        {
            foreach (var symbol in market.Symbols)
            {
                var history = await market.GetHistoryAsync(symbol, 1_000, CancellationToken.None);
                var since = await market.GetBarsSinceAsync(symbol, DateTime.MinValue, CancellationToken.None);
                Assert.Equal(history, since);
                Assert.Empty(await market.GetBarsSinceAsync(symbol, market.Now, CancellationToken.None));
                if (history.Count > 0) seen.Add((market.Now, history[^1].Time));
            }
        }

        Assert.All(seen, s => Assert.True(s.Latest <= s.Now, $"{s.Latest:O} was served at step {s.Now:O}"));
        Assert.Contains(seen, s => s.Latest == s.Now); // each step's own bar is served (so the check above can fail)
        Assert.Equal(5, market.Times.Length);
    }

    [Fact]
    public async Task An_analyst_asking_the_engines_market_for_later_bars_gets_none()
    {
        var spy = new BacktestSeries("SPY", BacktesterTests.CsvBarReaderFile("SPY-2017-2018-daily.csv")[..120]);
        var peeker = new PeekingStrategy();

        await With(peeker).RunAsync(Request(peeker.Name, HalfEquity, NoCosts, spy), null, CancellationToken.None);

        Assert.Equal(120, peeker.Analyses);
        Assert.Equal(0, peeker.FutureBarsSeen);
        Assert.Equal(120, peeker.CurrentBarsSeen); // it did see every bar once its step came
    }

    [Fact]
    public async Task An_oracle_of_the_next_close_earns_nothing_when_its_orders_fill_at_the_next_open()
    {
        // Every move happens between bars (open = close): 100, 110, 100, 110, ... Knowing the next close is worth 10% a bar
        // to whoever trades at this close; an order sent at this close fills at the next open, after the move.
        var closes = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? 100.0 : 110.0).ToArray();
        var bars = Daily(0, closes.Select(c => (c, c)).ToArray());
        var oracle = new ScriptedStrategy(c =>
        {
            var i = Array.FindIndex(bars, b => b.Time == c.Indicators.Time); // peeks into the shared array, outside the engine
            if (i + 1 >= bars.Length) return TradeAction.Hold;
            return bars[i + 1].Close > bars[i].Close ? TradeAction.Buy : bars[i + 1].Close < bars[i].Close ? TradeAction.Sell : TradeAction.Hold;
        }, "oracle");

        var result = await With(oracle).RunAsync(Request("oracle", HalfEquity, NoCosts, new BacktestSeries("SPY", bars)), null, CancellationToken.None);

        // Trading at the decision's close the oracle would gain 10% of its stake every other bar.
        var perfectAtClose = Enumerable.Range(0, bars.Length - 1).Count(i => bars[i + 1].Close > bars[i].Close);
        Assert.True(perfectAtClose > 10);
        Assert.NotEmpty(result.Trades);
        Assert.All(result.Trades, t => Assert.Equal((decimal)bars.Single(b => b.Time == t.Date).Open, t.Price));
        Assert.All(result.Trades.Where(t => t.Side == OrderSide.Buy), t => Assert.Equal(110m, t.Price));
        Assert.True(result.Equity[^1].Value <= 100_000m, $"the oracle made {result.Equity[^1].Value - 100_000m} through the engine");
    }

    /// <summary>An analyst holding the run's market that tries, at every bar, to read bars after the one it is deciding on.</summary>
    private sealed class PeekingStrategy : IBacktestStrategy
    {
        public int Analyses;
        public int FutureBarsSeen;
        public int CurrentBarsSeen;

        public string Name => "peeking";

        public string Description => "reads the market for later bars";

        public IReadOnlyList<StrategyParameter> Parameters => [];

        public IAnalyst Create(StrategyContext context) => new Analyst(this, context.Market);

        private sealed class Analyst(PeekingStrategy owner, IMarketData market) : IAnalyst
        {
            public async Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
            {
                owner.Analyses++;
                var time = context.Indicators.Time;
                owner.FutureBarsSeen += (await market.GetBarsSinceAsync(context.Symbol, time, cancellationToken)).Count;
                var history = await market.GetHistoryAsync(context.Symbol, int.MaxValue, cancellationToken);
                owner.FutureBarsSeen += history.Count(b => b.Time > time);
                if (history[^1].Time == time) owner.CurrentBarsSeen++;
                return new Proposal(context.Symbol, TradeAction.Hold, 0, "peeking", DecisionSource.Technical);
            }
        }
    }
}
