using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>The compact journal forms over what the real technical analyst and risk manager write: every decision the cycle
/// published reads back from the database exactly, reasons included, through the page query, the text search and the stream.</summary>
public abstract class TradingCycleCompactJournalTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : TradingCycleCompactJournalTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : TradingCycleCompactJournalTests(TestProvider.Postgres);

    [Fact]
    public async Task Decisions_of_the_real_analyst_and_risk_manager_read_back_exactly()
    {
        await using var database = await CreateMigratedAsync();
        var random = new Random(7);
        var symbols = Enumerable.Range(0, 12).Select(i => $"S{i:00}").ToArray();
        var h = new CycleHarness(database.Journal, null, symbols);
        foreach (var (symbol, i) in symbols.Select((s, i) => (s, i)))
        {
            var drift = (i % 3 - 1) * 0.4; // rising, flat and falling symbols: buys, holds and their reasons
            h.Market.Publish(symbol, Bars.FromCloses(Enumerable.Range(0, 60).Select(k => Math.Round(100 * Math.Pow(1 + drift / 100, k) + random.NextDouble(), 2)).ToArray(),
                500_000 + random.Next(1_000_000)));
        }

        await h.RunAsync();

        var published = h.EventsOf<DecisionMade>().Select(e => e.Decision).ToList();
        Assert.Equal(symbols.Length, published.Count);
        Assert.True(published.Select(d => d.Reasoning[..d.Reasoning.IndexOf(',', StringComparison.Ordinal)]).Distinct().Count() > 1, "more than one kind of reasoning");
        var stored = (await database.Journal.QueryDecisionsAsync(new DecisionQuery(PageSize: 100), CancellationToken.None)).Items.ToDictionary(d => d.Id);
        var streamed = new List<DecisionRecord>();
        await foreach (var d in database.Journal.StreamDecisionsAsync(null, null, CancellationToken.None)) streamed.Add(d);
        foreach (var decision in published)
        {
            var expected = decision with { Agent = "default", Order = null };
            Assert.Equivalent(expected, stored[decision.Id] with { Order = null }, strict: true);
            Assert.Equivalent(expected, streamed.Single(d => d.Id == decision.Id) with { Order = null }, strict: true);
            var words = decision.Reasoning[5..40].ToUpperInvariant(); // a piece across phrases, in another case
            var found = await database.Journal.QueryDecisionsAsync(new DecisionQuery(Text: words, PageSize: 100), CancellationToken.None);
            Assert.Equal(published.Where(d => d.Reasoning.Contains(words, StringComparison.OrdinalIgnoreCase)).Select(d => d.Id).Order(),
                found.Items.Select(d => d.Id).Order());
        }
    }
}
