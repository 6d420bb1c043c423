using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Portfolio;

/// <summary>
/// The portfolio read model over a broker whose account the test sets and the in-memory journal. New York is on daylight
/// time from 2026-03-08, so its day 2026-03-10 starts at 04:00 UTC.
/// </summary>
public sealed class PortfolioServiceTests
{
    private static readonly DateTime NyMidnightMarch10 = new(2026, 3, 10, 4, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero));
    private readonly FixedAccountBroker _broker = new(Account(100_000m));
    private readonly InMemoryDecisionJournal _journal = new();

    private static BrokerAccount Account(decimal equity, params Position[] positions) =>
        new(equity - positions.Sum(p => p.MarketValue), equity, positions, 0m);

    private PortfolioService NewService() => new(_broker, _journal, _time);

    private static Task<PortfolioSnapshot> At(PortfolioService service, DateTime marketTime) =>
        service.RefreshAsync(marketTime, CancellationToken.None);

    [Fact]
    public async Task The_day_starts_at_the_equity_of_its_first_refresh()
    {
        var service = NewService();
        var first = await At(service, new DateTime(2026, 3, 9, 14, 30, 0, DateTimeKind.Utc));

        _broker.Account = Account(98_500m);
        var later = await At(service, new DateTime(2026, 3, 9, 19, 0, 0, DateTimeKind.Utc));

        Assert.Equal(100_000m, first.DayStartEquity);
        Assert.Equal((100_000m, 98_500m, -1_500m), (later.DayStartEquity, later.Equity, later.DayPnl));
    }

    [Fact]
    public async Task The_day_start_equity_resets_when_the_New_York_date_changes()
    {
        var service = NewService();
        await At(service, new DateTime(2026, 3, 9, 14, 30, 0, DateTimeKind.Utc));
        _broker.Account = Account(98_000m);

        var lateEvening = await At(service, NyMidnightMarch10.AddMinutes(-1)); // 2026-03-09 23:59 in New York
        _broker.Account = Account(97_000m);
        var nextDay = await At(service, NyMidnightMarch10);

        Assert.Equal(100_000m, lateEvening.DayStartEquity);
        Assert.Equal(97_000m, nextDay.DayStartEquity);
        Assert.Equal(0m, nextDay.DayPnl);
    }

    [Fact]
    public async Task Counts_todays_orders_from_the_journal_by_New_York_day()
    {
        await Record(NyMidnightMarch10.AddMinutes(-1)); // yesterday in New York
        await Record(NyMidnightMarch10);
        await Record(NyMidnightMarch10.AddHours(10));
        await Record(NyMidnightMarch10.AddHours(11), OrderStatus.Rejected); // refused by the broker: not a trade
        await Record(NyMidnightMarch10.AddHours(11), OrderStatus.Filled);
        await _journal.RecordDecisionAsync(JournalData.Decision("SPY", barTime: NyMidnightMarch10.AddHours(12)), CancellationToken.None); // a hold

        var snapshot = await At(NewService(), NyMidnightMarch10.AddHours(15));

        Assert.Equal(3, snapshot.TradesToday);
    }

    [Fact]
    public async Task The_snapshot_carries_the_account_and_the_wall_time()
    {
        var position = new Position("AAPL", 10m, 150m, 160m, 0m);
        _broker.Account = Account(50_000m, position) with { RealizedPnl = 12.5m };

        var snapshot = await At(NewService(), NyMidnightMarch10.AddHours(11));

        Assert.Equal(_time.GetUtcNow().UtcDateTime, snapshot.Time);
        Assert.Equal((48_400m, 50_000m, 12.5m), (snapshot.Cash, snapshot.Equity, snapshot.RealizedPnl));
        Assert.Equal([position], snapshot.Positions);
    }

    [Fact]
    public async Task Current_builds_a_snapshot_before_the_first_refresh_and_returns_the_latest_after()
    {
        var service = NewService();
        Assert.Null(service.Latest);

        var before = await service.GetCurrentAsync(CancellationToken.None);
        Assert.Equal(100_000m, before.Equity);

        _broker.Account = Account(90_000m);
        var refreshed = await At(service, NyMidnightMarch10.AddHours(12));
        _broker.Account = Account(80_000m);

        Assert.Same(refreshed, await service.GetCurrentAsync(CancellationToken.None));
        Assert.Same(refreshed, service.Latest);
    }

    private Task Record(DateTime barTime, OrderStatus status = OrderStatus.Accepted) =>
        _journal.RecordDecisionAsync(JournalData.Decision("SPY", barTime: barTime, withOrder: true, status: status), CancellationToken.None);
}
