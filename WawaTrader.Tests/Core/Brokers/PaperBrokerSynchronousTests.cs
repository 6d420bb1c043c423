using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Portfolio;

namespace WawaTrader.Tests.Core.Brokers;

/// <summary>
/// The paper broker's synchronous API, as a backtest's cycle uses it: the cheap reads (<c>EquityNow</c>, <c>ExposureNow</c>, <c>HoldingNow</c>, <c>HeldLastPriceNow</c>) must
/// say exactly what the account says, and <c>OnBarNow</c> must report how many orders executed at the bar (the cycle refreshes a
/// symbol's position only then).
/// </summary>
public sealed class PaperBrokerSynchronousTests
{
    private static readonly string[] Symbols = ["AAA", "BBB", "CCC"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Cheap_reads_equal_the_account_through_random_fills(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 1, 2, 15, 0, 0, TimeSpan.Zero));
        var options = new PaperOptions { InitialCash = 50_000m, SlippageBps = 3m, CommissionPerShare = 0.005m, MinCommission = 1m };
        var broker = new PaperBroker(new InMemoryPaperLedgerStore(), new FixedOptionsMonitor<PaperOptions>(options), time, NullLogger<PaperBroker>.Instance)
        {
            SavesLedger = false,
        };
        var prices = Symbols.ToDictionary(s => s, _ => 20 + random.NextDouble() * 200);
        var open = new Dictionary<string, int>();
        var orders = 0;
        var executions = 0;
        for (var day = 0; day < 300; day++)
        {
            var barTime = new DateTime(2024, 1, 2, 21, 0, 0, DateTimeKind.Utc).AddDays(day);
            time.SetUtcNow(barTime);
            foreach (var symbol in Symbols)
            {
                if (random.NextDouble() < 0.1) continue; // a symbol without a bar that day
                var openPrice = Math.Round(prices[symbol] * (1 + (random.NextDouble() - 0.5) * 0.02), 3);
                var close = prices[symbol] = Math.Round(openPrice * (1 + (random.NextDouble() - 0.5) * 0.04), 5);
                var bar = new Bar(barTime, openPrice, Math.Max(openPrice, close) * 1.01, Math.Min(openPrice, close) * 0.99, close, 1e6);
                var executed = broker.OnBarNow(broker.MarkCellNow(symbol), symbol, bar, random.NextDouble() < 0.5 ? null : PaperPricing.ToPrice(close));

                Assert.Equal(open.GetValueOrDefault(symbol), executed);
                executions += executed;
                open[symbol] = 0;
                AssertReadsMatchAccount(broker);
            }
            foreach (var symbol in Symbols)
            {
                if (random.NextDouble() < 0.6) continue;
                var (held, _) = broker.HoldingNow(symbol);
                var side = held > 0 && random.NextDouble() < 0.5 ? OrderSide.Sell : OrderSide.Buy;
                var quantity = side == OrderSide.Sell ? Math.Min(held, random.Next(1, 40)) : random.Next(1, 60);
                var order = broker.SubmitNow(new OrderRequest($"o-{seed}-{++orders}", symbol, side, quantity));
                if (order.IsOpen) open[symbol] = open.GetValueOrDefault(symbol) + 1;
                AssertReadsMatchAccount(broker);
            }
        }
        Assert.True(executions > 50, $"only {executions} executions: the test would not exercise fills");
    }

    private static void AssertReadsMatchAccount(PaperBroker broker)
    {
        var account = broker.AccountNow();
        var equity = broker.EquityNow();
        Assert.Equal(account.Equity, equity);
        Assert.Equal(account.Equity.ToString(System.Globalization.CultureInfo.InvariantCulture), equity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The exposure a snapshot of the account sums, to the same decimal (scale included).
        var snapshot = new PortfolioSnapshot(DateTime.UnixEpoch, account.Cash, account.Equity, account.Positions, account.Equity, 0, account.RealizedPnl);
        Assert.Equal(snapshot.Exposure.ToString(System.Globalization.CultureInfo.InvariantCulture), broker.ExposureNow().ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var symbol in Symbols)
        {
            var listed = account.Positions.SingleOrDefault(p => p.Symbol == symbol);
            Assert.Equal((listed?.Quantity ?? 0m, listed?.AveragePrice ?? 0m), broker.HoldingNow(symbol));
            Assert.Equal((listed?.LastPrice ?? 0m).ToString(System.Globalization.CultureInfo.InvariantCulture), broker.HeldLastPriceNow(symbol).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
