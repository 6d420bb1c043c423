using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Portfolio;

/// <summary>The market day across a restart, over a real SQLite journal. New York's day 2026-03-10 starts at 04:00 UTC.</summary>
public abstract class PortfolioServiceRestartTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : PortfolioServiceRestartTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : PortfolioServiceRestartTests(TestProvider.Postgres);

    private static readonly DateTime March10 = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);

    private static BrokerAccount Account(decimal equity) => new(equity, equity, [], 0m);

    private static PerformanceSnapshot Snapshot(DateTime marketTime, decimal equity, decimal dayPnl) =>
        new(marketTime.AddHours(-3), marketTime, equity, equity, 0m, dayPnl);

    [Fact]
    public async Task The_day_start_equity_of_the_recorded_day_survives_a_restart()
    {
        await using var database = await CreateMigratedAsync();
        await database.Journal.RecordSnapshotAsync(Snapshot(March10, equity: 97_000m, dayPnl: -3_000m), default);
        var restarted = new PortfolioService(new FixedAccountBroker(Account(96_000m)), database.Journal, database.Time);

        var portfolio = await restarted.RefreshAsync(March10.AddMinutes(1), default);

        Assert.Equal((100_000m, -4_000m), (portfolio.DayStartEquity, portfolio.DayPnl));
    }

    [Fact]
    public async Task A_new_market_day_after_a_restart_starts_at_the_equity_then()
    {
        await using var database = await CreateMigratedAsync();
        await database.Journal.RecordSnapshotAsync(Snapshot(March10.AddDays(-1), equity: 97_000m, dayPnl: -3_000m), default);
        var restarted = new PortfolioService(new FixedAccountBroker(Account(96_000m)), database.Journal, database.Time);

        var portfolio = await restarted.RefreshAsync(March10, default);

        Assert.Equal(96_000m, portfolio.DayStartEquity);
    }

    [Fact]
    public async Task A_refresh_on_another_day_first_does_not_lose_the_recorded_day()
    {
        await using var database = await CreateMigratedAsync();
        await database.Journal.RecordSnapshotAsync(Snapshot(March10, equity: 97_000m, dayPnl: -3_000m), default);
        var restarted = new PortfolioService(new FixedAccountBroker(Account(96_000m)), database.Journal, database.Time);

        await restarted.RefreshAsync(March10.AddDays(-2), default); // e.g. the dashboard asking before the agent's first cycle
        var portfolio = await restarted.RefreshAsync(March10.AddMinutes(1), default);

        Assert.Equal(100_000m, portfolio.DayStartEquity);
    }

    [Fact]
    public async Task Todays_trades_after_a_restart_are_the_orders_recorded_in_the_day()
    {
        await using var database = await CreateMigratedAsync();
        await database.Journal.RecordDecisionAsync(JournalData.Decision("SPY", barTime: March10.AddDays(-1), withOrder: true), default);
        await database.Journal.RecordDecisionAsync(JournalData.Decision("SPY", barTime: March10.AddMinutes(-5), withOrder: true), default);
        await database.Journal.RecordDecisionAsync(JournalData.Decision("AAPL", barTime: March10, withOrder: true), default);
        var restarted = new PortfolioService(new FixedAccountBroker(Account(96_000m)), database.Journal, database.Time);

        var portfolio = await restarted.RefreshAsync(March10.AddMinutes(1), default);

        Assert.Equal(2, portfolio.TradesToday);
    }
}
