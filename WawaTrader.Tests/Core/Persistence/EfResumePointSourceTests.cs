using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class EfResumePointSourceTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfResumePointSourceTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfResumePointSourceTests(TestProvider.Postgres);

    private static PaperLedger Ledger(params (string Symbol, DateTime Time, decimal Close)[] marks) =>
        new(100_000m, 0m, [], [], marks.ToDictionary(m => m.Symbol, m => new PaperMark(m.Time, m.Close), StringComparer.Ordinal));

    [Fact]
    public async Task Resumes_each_symbol_after_the_later_of_its_ledger_mark_and_its_latest_decision()
    {
        await using var database = await CreateMigratedAsync();
        await database.Ledger.SaveAsync(Ledger(("SPY", MarketOpen.AddMinutes(5), 500.25m), ("AAPL", MarketOpen.AddMinutes(1), 190.5m)), default);
        await database.Journal.RecordDecisionAsync(Decision("SPY", barTime: MarketOpen.AddMinutes(3)), default);
        await database.Journal.RecordDecisionAsync(Decision("AAPL", barTime: MarketOpen.AddMinutes(2)), default);
        await database.Journal.RecordDecisionAsync(Decision("AAPL", barTime: MarketOpen.AddMinutes(4)), default);

        var resume = await database.ResumePoints.LoadAsync(default);

        Assert.Equal(new RecordedBar(MarketOpen.AddMinutes(5), 500.25), resume.Of("SPY"));
        Assert.Equal(new RecordedBar(MarketOpen.AddMinutes(4), 512.37), resume.Of("aapl")); // the decision's bar close
        Assert.Equal(MarketOpen.AddMinutes(5), resume.LastBarTime);
    }

    [Fact]
    public async Task A_new_database_resumes_nowhere()
    {
        await using var database = await CreateMigratedAsync();

        var resume = await database.ResumePoints.LoadAsync(default);

        Assert.Empty(resume.LastBars);
        Assert.Null(resume.LastBarTime);
    }

    [Fact]
    public async Task Where_to_resume_is_read_once_per_process()
    {
        await using var database = await CreateMigratedAsync();
        var source = database.ResumePoints;
        var first = await source.LoadAsync(default);

        await database.Journal.RecordDecisionAsync(Decision("SPY", barTime: MarketOpen.AddMinutes(9)), default);

        Assert.Same(first, await source.LoadAsync(default));
    }
}
