using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;

namespace WawaTrader.Tests.Core.Portfolio;

public sealed class PortfolioSnapshotTests
{
    private static readonly DateTime T = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);

    private static PortfolioSnapshot Snapshot(decimal equity, decimal dayStartEquity, params Position[] positions) =>
        new(T, equity - positions.Sum(p => p.MarketValue), equity, positions, dayStartEquity, 0, 0m);

    [Fact]
    public void Exposure_is_the_absolute_market_value_of_all_positions_as_a_percent_of_equity()
    {
        var snapshot = Snapshot(100_000m, 100_000m,
            new Position("AAPL", 100m, 140m, 150m, 0m),   // 15,000
            new Position("MSFT", -20m, 400m, 250m, 0m));  // −5,000, counted as 5,000

        Assert.Equal(20_000m, snapshot.Exposure);
        Assert.Equal(20m, snapshot.ExposurePct);
    }

    [Fact]
    public void Day_pnl_is_equity_less_the_day_start_equity_and_its_percent_of_that()
    {
        var loss = Snapshot(98_000m, 100_000m);
        var gain = Snapshot(80_400m, 80_000m);

        Assert.Equal((-2_000m, -2m), (loss.DayPnl, loss.DayPnlPct));
        Assert.Equal((400m, 0.5m), (gain.DayPnl, gain.DayPnlPct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5_000)]
    public void Percentages_are_zero_when_equity_or_day_start_is_not_positive(int equity)
    {
        var snapshot = Snapshot(equity, equity, new Position("AAPL", 10m, 100m, 100m, 0m));

        Assert.Equal(1_000m, snapshot.Exposure);
        Assert.Equal(0m, snapshot.ExposurePct);
        Assert.Equal(0m, snapshot.DayPnlPct);
    }

    [Fact]
    public void Unrealized_pnl_sums_the_positions_and_a_position_is_found_by_symbol()
    {
        var aapl = new Position("AAPL", 10m, 100m, 110m, 0m);  // +100
        var msft = new Position("MSFT", 5m, 300m, 290m, 0m);   // −50
        var snapshot = Snapshot(100_000m, 100_000m, aapl, msft);

        Assert.Equal(50m, snapshot.UnrealizedPnl);
        Assert.Same(msft, snapshot.PositionOf("MSFT"));
        Assert.Null(snapshot.PositionOf("NVDA"));
    }
}
