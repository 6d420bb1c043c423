using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Web.Components.Dashboard;

namespace WawaTrader.Tests.Web.Components.Dashboard;

public sealed class SymbolChartDataTests
{
    private static double Ms(DateTime utc) => (utc - DateTime.UnixEpoch).TotalMilliseconds;

    private static TradeRecord Trade(string symbol, OrderSide side, DateTime time, decimal price, decimal quantity = 10) =>
        new("c", Guid.NewGuid(), symbol, side, quantity, price, 0m, time);

    [Fact]
    public void Shows_only_the_last_bars_as_candles()
    {
        var bars = Bars.Trending(0.1, 30);

        var data = SymbolChartData.Build("AAPL", bars, [], shownBars: 5);

        Assert.Equal(5, data.Candles.Candles.Length);
        var last = bars[^1];
        Assert.Equal([Ms(last.Time), last.Open, last.High, last.Low, last.Close], data.Candles.Candles[^1]);
        Assert.Equal(Ms(bars[25].Time), data.Candles.Candles[0][0]);
    }

    [Fact]
    public void The_sma_overlay_is_the_mean_of_the_last_twenty_closes_computed_over_the_hidden_bars_too()
    {
        // Closes 1..25: the SMA 20 at the last bar is the mean of 6..25 = 15.5; at bar 21 (index 20) it is the mean of 2..21 = 11.5.
        var bars = Bars.FromCloses([.. Enumerable.Range(1, 25).Select(i => (double)i)]);

        var data = SymbolChartData.Build("AAPL", bars, [], shownBars: 5);

        var sma = data.Candles.Overlays.Single(o => o.Name == "SMA 20").Data;
        Assert.Equal(15.5, sma[^1][1]);
        Assert.Equal(11.5, sma[0][1]);
        Assert.Equal(Ms(bars[20].Time), sma[0][0]);
    }

    [Fact]
    public void Warm_up_cells_are_gaps_not_numbers()
    {
        var bars = Bars.Trending(0.2, 25);

        var data = SymbolChartData.Build("AAPL", bars, [], shownBars: 25);

        var sma = data.Candles.Overlays.Single(o => o.Name == "SMA 20").Data;
        Assert.Null(sma[18][1]);
        Assert.NotNull(sma[19][1]);
        Assert.All(data.Macd, line => Assert.All(line.Data, p => Assert.Null(p[1]))); // MACD needs 34 bars
        Assert.Null(data.Rsi[0].Data[13][1]);
        Assert.Equal(100, data.Rsi[0].Data[14][1]); // a series that only rises has RSI 100
    }

    [Fact]
    public void A_history_shorter_than_every_period_is_drawn_with_gaps_for_all_indicators()
    {
        var data = SymbolChartData.Build("AAPL", Bars.Trending(0.2, 10), [], shownBars: 10);

        Assert.Equal(10, data.Candles.Candles.Length);
        Assert.All(data.Candles.Overlays, line => Assert.All(line.Data, p => Assert.Null(p[1])));
        Assert.All(data.Rsi.Concat(data.Macd), line => Assert.All(line.Data, p => Assert.Null(p[1])));
    }

    [Fact]
    public void Draws_the_symbols_fills_as_buy_and_sell_markers_at_their_time_and_price()
    {
        var bars = Bars.Flat(100, 30);
        var trades = new[]
        {
            Trade("AAPL", OrderSide.Sell, bars[28].Time, 101.5m, 4),
            Trade("MSFT", OrderSide.Buy, bars[27].Time, 400m),
            Trade("aapl", OrderSide.Buy, bars[26].Time, 99.25m, 10),
            Trade("AAPL", OrderSide.Buy, bars[2].Time, 98m), // before the shown bars
        };

        var data = SymbolChartData.Build("AAPL", bars, trades, shownBars: 10);

        Assert.Equal(
            [(Ms(bars[26].Time), 99.25, "buy", "10"), (Ms(bars[28].Time), 101.5, "sell", "4")],
            data.Candles.Markers.Select(m => (m.X, m.Y, m.Side, m.Label)));
    }

    [Fact]
    public void The_macd_pane_has_histogram_macd_and_signal()
    {
        var data = SymbolChartData.Build("AAPL", Bars.Trending(0.1, 60), [], shownBars: 10);

        Assert.Equal(["Histogram", "MACD", "Signal"], data.Macd.Select(l => l.Name));
        Assert.Equal("column", data.Macd[0].Type);
        var (macd, signal, histogram) = (data.Macd[1].Data[^1][1]!.Value, data.Macd[2].Data[^1][1]!.Value, data.Macd[0].Data[^1][1]!.Value);
        Assert.Equal(macd - signal, histogram, 12);
    }

    [Fact]
    public void No_bars_give_an_empty_chart()
    {
        var data = SymbolChartData.Build("AAPL", [], []);

        Assert.Empty(data.Candles.Candles);
        Assert.Empty(data.Candles.Markers);
    }
}
