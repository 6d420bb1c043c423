using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class EfDecisionJournalDecidedClosesTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfDecisionJournalDecidedClosesTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfDecisionJournalDecidedClosesTests(TestProvider.Postgres);

    internal static async Task RecordAsync(IDecisionJournal journal, string symbol, int minute, double close)
    {
        var decision = Decision(symbol, barTime: MarketOpen.AddMinutes(minute));
        await journal.RecordDecisionAsync(decision with { Indicators = decision.Indicators with { Close = close } }, CancellationToken.None);
    }

    [Fact]
    public async Task Returns_each_symbols_decided_closes_from_a_market_time_oldest_first_once_per_bar()
    {
        await using var database = await CreateMigratedAsync();
        var journal = database.Journal;
        await RecordAsync(journal, "SPY", 2, 502);
        await RecordAsync(journal, "SPY", 0, 500);
        await RecordAsync(journal, "SPY", 1, 501);
        await RecordAsync(journal, "SPY", 1, 999); // decided again on the same bar: the first close is kept
        await RecordAsync(journal, "AAPL", 1, 190);

        var closes = await journal.GetDecidedClosesAsync(MarketOpen.AddMinutes(1), CancellationToken.None);

        Assert.Equal([new RecordedBar(MarketOpen.AddMinutes(1), 501), new RecordedBar(MarketOpen.AddMinutes(2), 502)], closes["spy"]);
        Assert.Equal([new RecordedBar(MarketOpen.AddMinutes(1), 190)], closes["AAPL"]);
    }
}
