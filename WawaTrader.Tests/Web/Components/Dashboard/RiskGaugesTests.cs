using Bunit;
using MudBlazor;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Web.Components.Dashboard;
using Position = WawaTrader.Core.Brokers.Position;

namespace WawaTrader.Tests.Web.Components.Dashboard;

public sealed class RiskGaugesTests
{
    private static readonly RiskOptions Limits = new() { MaxExposurePct = 30, MaxTradesPerDay = 10, MaxDailyLossPct = 2 };

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    /// <summary>A portfolio with <paramref name="exposure"/> in one position on 100,000 of equity, after a day that started at <paramref name="dayStart"/>.</summary>
    private static PortfolioSnapshot Portfolio(decimal exposure, int trades, decimal dayStart = 100_000m) =>
        new(DateTime.UnixEpoch, 100_000m - exposure, 100_000m, exposure > 0 ? [new Position("AAPL", exposure / 100m, 100m, 100m, 0m)] : [],
            dayStart, trades, 0m);

    private static IRenderedComponent<RiskGauges> Render(BunitContext ctx, PortfolioSnapshot portfolio) =>
        ctx.Render<RiskGauges>(p => p.Add(x => x.Portfolio, portfolio).Add(x => x.Limits, Limits));

    private static string Bar(IRenderedComponent<RiskGauges> cut, string gauge) =>
        cut.Find($"[data-testid={gauge}] .mud-progress-linear").ClassName!;

    [Fact]
    public async Task Shows_each_value_against_its_limit()
    {
        await using var ctx = NewContext();

        // 15,000 of 100,000 exposed; 4 trades; the day started at 101,000: a loss of 0.99%.
        var cut = Render(ctx, Portfolio(15_000m, 4, dayStart: 101_000m));

        Assert.Equal("15.00% / 30.00%", cut.Find("[data-testid=gauge-exposure] [data-testid=gauge-value]").TextContent.Trim());
        Assert.Equal("4 / 10", cut.Find("[data-testid=gauge-trades] [data-testid=gauge-value]").TextContent.Trim());
        Assert.Equal("0.99% / 2.00%", cut.Find("[data-testid=gauge-day-loss] [data-testid=gauge-value]").TextContent.Trim());
        Assert.Equal("50", cut.Find("[data-testid=gauge-exposure]").GetAttribute("data-usage"));
    }

    [Theory]
    [InlineData(6, "mud-progress-linear-color-success")]
    [InlineData(7, "mud-progress-linear-color-warning")]
    [InlineData(9, "mud-progress-linear-color-warning")]
    [InlineData(10, "mud-progress-linear-color-error")]
    [InlineData(12, "mud-progress-linear-color-error")]
    public async Task Colours_by_usage_green_below_70_amber_below_100_red_at_or_past_the_limit(int trades, string colour)
    {
        await using var ctx = NewContext();

        var cut = Render(ctx, Portfolio(0m, trades));

        Assert.Contains(colour, Bar(cut, "gauge-trades"));
    }

    [Fact]
    public async Task A_winning_day_uses_none_of_the_loss_limit()
    {
        await using var ctx = NewContext();

        var cut = Render(ctx, Portfolio(0m, 0, dayStart: 90_000m));

        Assert.Equal("0.00% / 2.00%", cut.Find("[data-testid=gauge-day-loss] [data-testid=gauge-value]").TextContent.Trim());
        Assert.Contains("mud-progress-linear-color-success", Bar(cut, "gauge-day-loss"));
    }

    [Theory]
    [InlineData(0, Color.Success)]
    [InlineData(69.9, Color.Success)]
    [InlineData(70, Color.Warning)]
    [InlineData(99.9, Color.Warning)]
    [InlineData(100, Color.Error)]
    [InlineData(250, Color.Error)]
    public void Usage_colour_thresholds(double usage, Color expected) => Assert.Equal(expected, UsageGauge.ColorOf(usage));
}
