using System.Globalization;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>
/// The fast path against the full path on seeded random portfolios: 1–3 symbols, daily or minute bars, shared or gappy
/// calendars, round prices (exact ties between the averages), small cash, tight limits, all cost models. Every case must give
/// the same trades (printed the same), the same equity and the same metrics. The seeds include those of four cases a 1,500-case
/// search once found different: the analyst averaged each window afresh while the fast path uses TA-Lib's running total, and
/// on a near-tie the last bit decided which bar crossed.
/// </summary>
public sealed class FastBacktesterRandomTests
{
    public static TheoryData<int> Seeds => [79, 247, 327, 398, .. Enumerable.Range(1000, 36)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_random_portfolio_trades_the_same_on_both_paths(int seed)
    {
        var request = RandomRequest(seed);

        var full = await new Backtester().RunAsync(request, null, CancellationToken.None);
        var fast = FastBacktester.Run(request);

        Assert.Equal(full.Trades, fast.Trades);
        Assert.Equal(full.Trades.Select(t => $"{t.Qty} {t.Price} {t.Fee}"), fast.Trades.Select(t => $"{t.Qty} {t.Price} {t.Fee}"));
        Assert.Equal(full.Equity, fast.Equity);
        Assert.Equal(full.Metrics, fast.Metrics);
    }

    internal static BacktestRequest RandomRequest(int seed)
    {
        var r = new Random(seed);
        var symbols = r.Next(1, 4);
        var count = r.Next(30, 250);
        var minute = r.Next(2) == 0;
        var aligned = r.Next(2) == 0;
        var start = new DateTime(2020, 1, 6, 14, 30, 0, DateTimeKind.Utc);
        var priceMode = r.Next(3);
        double[] round = [4, 5, 8, 10, 16, 20, 25, 40, 50];
        var series = new BacktestSeries[symbols];
        for (var s = 0; s < symbols; s++)
        {
            var bars = new List<Bar>();
            var price = priceMode == 0 ? round[r.Next(round.Length)] : priceMode == 1 ? 10 + r.Next(100) : Math.Round(5 + r.NextDouble() * 50, 2);
            for (var i = 0; i < count; i++)
            {
                if (!aligned && r.Next(5) == 0) continue;
                var open = price;
                price = priceMode == 0 ? round[r.Next(round.Length)] : Math.Max(0.5, price * (1 + (r.NextDouble() - 0.5) * 0.06));
                if (priceMode == 2) price = Math.Round(price, 2);
                var time = minute ? start.AddMinutes(i % 390 + i / 390 * 1440) : Weekday(start, i);
                bars.Add(new Bar(time, open, Math.Max(open, price) * 1.001, Math.Min(open, price) * 0.999, price, 1000));
            }
            if (bars.Count < 2) bars.Add(new Bar(start.AddDays(1000), 10, 10, 10, 10, 1));
            series[s] = new BacktestSeries($"S{(char)('a' + r.Next(26))}{s}", [.. bars]);
        }
        string[] pcts = ["5", "10", "20", "25", "30", "50", "90", "100", "33.3333", "12.5", "0.1"];
        var size = pcts[r.Next(pcts.Length)];
        var fast = r.Next(1, 6);
        var position = r.Next(2) == 0 && size != "0.1" ? size : pcts[r.Next(pcts.Length - 1)];
        var parameters = new Dictionary<string, string>
        {
            ["fast"] = fast.ToString(CultureInfo.InvariantCulture),
            ["slow"] = (fast + r.Next(1, 8)).ToString(CultureInfo.InvariantCulture),
            ["Trading:PositionSizePct"] = size,
            ["Risk:MaxPositionPct"] = position,
            ["Risk:MaxExposurePct"] = r.Next(3) == 0 ? position
                : Math.Max(double.Parse(position, CultureInfo.InvariantCulture), double.Parse(pcts[r.Next(pcts.Length)], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture),
            ["Risk:MaxTradesPerDay"] = r.Next(3) == 0 ? r.Next(1, 4).ToString(CultureInfo.InvariantCulture) : "10000",
            ["Risk:MaxDailyLossPct"] = r.Next(2) == 0 || double.Parse(position, CultureInfo.InvariantCulture) <= 2 ? "0.1" : "2",
            ["Risk:MinConfidence"] = r.Next(4) == 0 ? "100" : "70",
        };
        var costs = priceMode == 0 && r.Next(2) == 0 ? new BacktestCosts(0m, 0m, 0m, 0m)
            : new BacktestCosts(r.Next(3) switch { 0 => 0m, 1 => 0.005m, _ => 0.01m }, r.Next(3) == 0 ? 0.05m : 0m,
                r.Next(3) switch { 0 => 0m, 1 => 1m, _ => 5m }, r.Next(3) switch { 0 => 0m, 1 => 2m, _ => 7.5m });
        var cash = priceMode == 0 ? 100_000m : r.Next(3) switch { 0 => 100_000m, 1 => 1_000m + r.Next(5000), _ => 10_000m };
        return new BacktestRequest(series, "sma-cross", parameters, costs, cash);
    }

    private static DateTime Weekday(DateTime start, int i)
    {
        var day = start;
        for (var j = 0; j < i; j++)
        {
            day = day.AddDays(1);
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        }
        return day;
    }
}
