using Npgsql;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Cli;

/// <summary><c>db copy</c> from a SQLite file to a fresh PostgreSQL database on the test server.</summary>
[Trait("Category", "Slow")]
public sealed class DbVerbTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime T0 = new(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc);

    /// <summary>A SQLite journal with rows in every table.</summary>
    private static async Task<(TempDatabase Database, List<DecisionRecord> Decisions)> SeedAsync()
    {
        var source = await TempDatabase.CreateMigratedAsync(TestProvider.Sqlite);
        var decisions = new List<DecisionRecord>
        {
            JournalData.Decision(withOrder: true, fills: [new Fill(JournalData.MarketOpen, 1m, 101.25m, 0.01m), new Fill(JournalData.MarketOpen, 2m, 101.5m, 0m)]),
            JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(1)).WithModel(),
            JournalData.Decision("QQQ", barTime: JournalData.MarketOpen.AddMinutes(2)),
        };
        foreach (var decision in decisions) await source.Journal.RecordDecisionAsync(decision, None);
        await source.Journal.RecordSnapshotAsync(new PerformanceSnapshot(T0, JournalData.MarketOpen, 90_000.5m, 100_123.4567m, 10_000m, -12.25m), None);
        await source.Ledger.SaveAsync(EfPaperLedgerStoreTests.Ledger(cash: 94_871.2375m, quantity: 10m), None);
        await source.Settings.SaveAsync([new StoredSetting("Risk", "MinConfidence", "70")],
            [new SettingChangeDraft(T0, "Risk", "MinConfidence", "60", "70", SettingSource.Ui, null)], None);
        await source.Backtests.SaveAsync(BacktestResults.Completed(created: T0), None);
        await source.BarCache.UpsertAsync("SPY", Bars.Trending(0.1, 50), None);
        return (source, decisions);
    }

    [Fact]
    public async Task Copies_every_table_from_sqlite_to_postgres_and_prints_matching_counts()
    {
        var (source, decisions) = await SeedAsync();
        await using var _ = source;
        var connection = new NpgsqlConnectionStringBuilder(await TestPostgres.CreateDatabaseAsync());
        await using var target = TempDatabase.OnPostgres(connection.ConnectionString);

        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync("db", "copy", "--from", $"sqlite:{source.DatabasePath}", "--to", $"postgres:{connection.ConnectionString}");

        Assert.True(code == 0, stderr);
        foreach (var (table, rows) in new[] { ("decisions", 3), ("orders", 1), ("fills", 2), ("llm_interactions", 1), ("performance_snapshots", 1),
                     ("paper_ledger", 1), ("settings", 1), ("settings_history", 1), ("backtests", 1), ("bars", 50) })
        {
            Assert.Matches($@"(?m)^{table} +{rows} -> +{rows}  ok", stdout);
        }
        Assert.DoesNotContain(connection.Password!, stdout + stderr);
        var copied = await target.Journal.GetDecisionsAsync(null, 10, None);
        var original = await source.Journal.GetDecisionsAsync(null, 10, None);
        Assert.Equivalent(original, copied, strict: true);
        Assert.Equivalent(await source.Ledger.LoadAsync(None), await target.Ledger.LoadAsync(None), strict: true);
        Assert.Equivalent(await source.Journal.GetSnapshotsAsync(null, 10, None), await target.Journal.GetSnapshotsAsync(null, 10, None), strict: true);
        Assert.Equivalent(await source.Settings.GetHistoryAsync(null, 10, None), await target.Settings.GetHistoryAsync(null, 10, None), strict: true);
        Assert.Equal(await source.BarCache.GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, None),
            await target.BarCache.GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, None));
        Assert.Equal(decisions.Select(d => d.Id).Order(), copied.Select(d => d.Id).Order());
    }

    [Fact]
    public async Task New_rows_after_a_copy_get_fresh_keys_on_postgres()
    {
        var (source, _) = await SeedAsync();
        await using var _ = source;
        var connection = await TestPostgres.CreateDatabaseAsync();
        await using var target = TempDatabase.OnPostgres(connection);
        Assert.Equal(0, (await BacktestVerbTests.RunAsync("db", "copy", "--from", $"sqlite:{source.DatabasePath}", "--to", $"postgres:{connection}")).Code);

        await target.Journal.RecordDecisionAsync(JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(9)), None);
        await target.Settings.SaveAsync([], [new SettingChangeDraft(T0.AddMinutes(1), "Risk", "MinConfidence", "70", "75", SettingSource.Api, null)], None);
        await target.Journal.RecordSnapshotAsync(new PerformanceSnapshot(T0.AddMinutes(1), JournalData.MarketOpen, 1m, 1m, 0m, 0m), None);

        Assert.Equal(4L, await target.ScalarAsync("SELECT count(*) FROM decisions"));
        Assert.Equal(2L, await target.ScalarAsync("SELECT count(*) FROM settings_history"));
        Assert.Equal(2L, await target.ScalarAsync("SELECT count(*) FROM performance_snapshots"));
    }

    [Fact]
    public async Task A_target_that_already_holds_a_history_is_refused_and_left_as_it_was()
    {
        var (source, _) = await SeedAsync();
        await using var _ = source;
        var connection = await TestPostgres.CreateDatabaseAsync();
        await using var target = TempDatabase.OnPostgres(connection);
        Assert.Equal(0, (await BacktestVerbTests.RunAsync("db", "copy", "--from", $"sqlite:{source.DatabasePath}", "--to", $"postgres:{connection}")).Code);

        var (code, _, stderr) = await BacktestVerbTests.RunAsync("db", "copy", "--from", $"sqlite:{source.DatabasePath}", "--to", $"postgres:{connection}");

        Assert.Equal(1, code);
        Assert.Contains("not empty", stderr);
        Assert.Equal(3L, await target.ScalarAsync("SELECT count(*) FROM decisions"));
    }

    [Fact]
    public async Task A_missing_source_file_is_refused_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "wawatrader-tests", Guid.NewGuid().ToString("N"), "none.db");

        var (code, _, stderr) = await BacktestVerbTests.RunAsync("db", "copy", "--from", $"sqlite:{missing}", "--to", "postgres:Host=127.0.0.1;Database=x");

        Assert.Equal(1, code);
        Assert.Contains(missing, stderr);
        Assert.False(File.Exists(missing));
    }
}
