using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Backtesting;

public sealed class HistoricalMarketTests
{
    private static readonly DateTime Start = new(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_close_price_is_the_fill_models_price_of_the_current_bar_and_none_where_there_is_no_bar()
    {
        // BBB starts a day later and skips day 3: the price must follow each symbol's own bars, never a stale one.
        var a = new BacktestSeries("AAA", [.. new[] { 10.1, 10.25, 100.05, 11.333333333333334 }.Select((c, i) => Bar(i, c))]);
        var b = new BacktestSeries("BBB", [Bar(1, 50.5), Bar(3, 0.1 + 0.2)]);
        var market = new HistoricalMarket([a, b]);

        Assert.False(market.TryGetCurrentClosePrice(0, out _)); // before the first step
        var seen = new List<(int Step, int Symbol, decimal Price)>();
        while (market.Advance())
        {
            for (var s = 0; s < 2; s++)
            {
                var has = market.TryGetCurrentClosePrice(s, out var price);
                Assert.Equal(market.TryGetCurrentBar(s, out var bar), has);
                if (!has) continue;
                Assert.Equal(PaperPricing.ToPrice(bar.Close), price);
                Assert.True(market.TryGetCurrentClosePrice(s, out var again)); // asked twice at a step: the same price
                Assert.Equal(price, again);
                seen.Add((market.Step, s, price));
            }
        }
        Assert.Equal([(0, 0, 10.1m), (1, 0, 10.25m), (1, 1, 50.5m), (2, 0, 100.05m), (3, 0, 11.3333333333333m), (3, 1, 0.3m)], seen);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 5)]
    [InlineData(5, 8)]
    [InlineData(6, 13)]
    public void The_steps_are_every_bar_time_of_any_series_once_oldest_first(int seed, int seriesCount)
    {
        // Calendars with gaps, overlaps, late starts and early ends: the merged steps must be the sorted union.
        var random = new Random(seed);
        var series = Enumerable.Range(0, seriesCount).Select(k => new BacktestSeries($"S{k}",
            [.. Enumerable.Range(random.Next(0, 30), random.Next(0, 400)).Where(_ => random.NextDouble() < 0.8).Select(day => Bar(day, 10))])).ToArray();
        if (series.All(s => s.Bars.Length == 0)) series[0] = new BacktestSeries("S0", [Bar(0, 10)]);

        var market = new HistoricalMarket(series);

        Assert.Equal(series.SelectMany(s => s.Bars).Select(b => b.Time).Distinct().Order(), market.Times);
    }

    [Fact]
    public void Steps_of_series_out_of_order_are_still_every_bar_time_once_in_order()
    {
        var market = new HistoricalMarket([new BacktestSeries("AAA", [Bar(3, 10), Bar(1, 10), Bar(1, 11)]), new BacktestSeries("BBB", [Bar(2, 10), Bar(0, 10)])]);

        Assert.Equal(Enumerable.Range(0, 4).Select(d => Start.AddDays(d)), market.Times);
    }

    [Fact]
    public void The_current_bar_by_reference_is_the_bar_of_this_step_or_none()
    {
        var a = new BacktestSeries("AAA", [Bar(0, 10), Bar(1, 11), Bar(2, 12)]);
        var b = new BacktestSeries("BBB", [Bar(1, 50), Bar(3, 51)]);
        var market = new HistoricalMarket([a, b]);

        Assert.True(System.Runtime.CompilerServices.Unsafe.IsNullRef(in market.CurrentBarOrNull(0))); // before the first step
        var seen = new List<(int Step, int Symbol, double Close)>();
        while (market.Advance())
        {
            for (var s = 0; s < 2; s++)
            {
                ref readonly var bar = ref market.CurrentBarOrNull(s);
                var has = market.TryGetCurrentBar(s, out var copy);
                Assert.Equal(has, !System.Runtime.CompilerServices.Unsafe.IsNullRef(in bar));
                if (!has) continue;
                Assert.Equal(copy, bar);
                seen.Add((market.Step, s, bar.Close));
            }
        }
        Assert.Equal([(0, 0, 10.0), (1, 0, 11.0), (1, 1, 50.0), (2, 0, 12.0), (3, 1, 51.0)], seen);
    }

    [Fact]
    public void A_close_that_is_not_a_price_has_none()
    {
        var market = new HistoricalMarket([new BacktestSeries("AAA", [Bar(0, 0)])]);
        Assert.True(market.Advance());
        Assert.True(market.TryGetCurrentBar(0, out _));
        Assert.False(market.TryGetCurrentClosePrice(0, out var price));
        Assert.Equal(0m, price);
    }

    private static Bar Bar(int day, double close) => new(Start.AddDays(day), close, close, close, close, 1_000);
}
