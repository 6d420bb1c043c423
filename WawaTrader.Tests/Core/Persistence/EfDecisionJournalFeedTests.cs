using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class EfDecisionJournalFeedTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfDecisionJournalFeedTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfDecisionJournalFeedTests(TestProvider.Postgres);

    [Theory]
    [InlineData("iex")]
    [InlineData("sip")]
    [InlineData(null)]
    public async Task The_feed_of_a_decision_is_kept_after_the_alpaca_broker_migration(string? feed)
    {
        await using var database = await CreateMigratedAsync();
        var decision = JournalData.Decision("AAPL", withOrder: true, status: OrderStatus.New) with { Feed = feed };

        await database.Journal.RecordDecisionAsync(decision, CancellationToken.None);

        Assert.Equal(feed, (await database.Journal.GetDecisionAsync(decision.Id, CancellationToken.None))!.Feed);
    }
}
