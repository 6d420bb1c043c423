using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Brokers.Alpaca;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>The <c>reconciliation_events</c> table through <see cref="IReconciliationStore"/>: each agent's events, newest first,
/// page by page, kept across a restart.</summary>
public abstract class EfReconciliationStoreTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfReconciliationStoreTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfReconciliationStoreTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime At = new(2026, 12, 7, 15, 0, 0, DateTimeKind.Utc);

    private static ReconciliationEvent Event(int minute, string symbol, string ours, string alpacas) =>
        new(At.AddMinutes(minute), ReconciliationKind.PositionDiffers, symbol, null, $"{symbol}: Alpaca holds {alpacas} shares, ours {ours}")
        { OurValue = ours, BrokerValue = alpacas };

    /// <summary>A second process on the same database: the app's own registration (<c>AddPersistence</c>) with <paramref name="agent"/>
    /// as <c>Agent:Name</c> (unset when null).</summary>
    private static ServiceProvider Reopen(TempDatabase database, string? agent)
    {
        var settings = new Dictionary<string, string?> { ["Database:Path"] = database.DatabasePath };
        if (database.ConnectionString is { } connection)
        {
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:WawaTrader"] = connection;
        }
        if (agent is not null) settings["Agent:Name"] = agent;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddPersistence(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task Events_are_read_newest_first_page_by_page_with_both_sides_values()
    {
        await using var database = await CreateMigratedAsync();
        var store = new EfReconciliationStore(database.Contexts, AgentIdentity.Default);
        await store.AddAsync(Event(0, "AAPL", "17", "25"), None);
        await store.AddAsync(Event(1, "MSFT", "0", "3"), None);
        await store.AddAsync(Event(2, "NVDA", "4", "0") with { ClientOrderId = "wt-abc", Kind = ReconciliationKind.OrderUpdated }, None);

        var first = await store.GetLatestAsync(2, null, None);
        var second = await store.GetLatestAsync(2, first[^1].Id, None);

        Assert.Equal(["NVDA", "MSFT"], first.Select(e => e.Symbol));
        Assert.Equal(["AAPL"], second.Select(e => e.Symbol));
        var newest = first[0];
        Assert.Equal((ReconciliationKind.OrderUpdated, "wt-abc", "4", "0", "default"), (newest.Kind, newest.ClientOrderId, newest.OurValue, newest.BrokerValue, newest.Agent));
        Assert.Equal((At.AddMinutes(2), DateTimeKind.Utc), (newest.Time, newest.Time.Kind));
        Assert.Equal(3L, Convert.ToInt64(await database.ScalarAsync("SELECT count(*) FROM reconciliation_events WHERE agent = 'default';")));
    }

    [Fact]
    public async Task Each_agent_reads_only_the_events_it_recorded()
    {
        await using var database = await CreateMigratedAsync();
        var alpha = new EfReconciliationStore(database.Contexts, new AgentIdentity("alpha"));
        var beta = new EfReconciliationStore(database.Contexts, new AgentIdentity("beta"));
        await alpha.AddAsync(Event(0, "AAPL", "1", "2"), None);
        await beta.AddAsync(Event(1, "MSFT", "3", "4"), None);

        Assert.Equal(["AAPL"], (await alpha.GetLatestAsync(10, null, None)).Select(e => e.Symbol));
        Assert.Equal(["MSFT"], (await beta.GetLatestAsync(10, null, None)).Select(e => e.Symbol));
    }

    [Fact]
    public async Task What_the_reconciler_found_survives_a_restart_on_the_same_database_under_the_configured_agent_name()
    {
        await using var database = await CreateMigratedAsync();
        using (var before = Reopen(database, "momentum"))
        {
            await using var harness = await AlpacaBrokerHarness.StartAsync(configure: s => s.AddSingleton(database.Journal).AddSingleton<AgentEventHub>()
                .AddSingleton(before.GetRequiredService<IReconciliationStore>()));
            harness.Fake.SetPrice("AAPL", 100m);
            harness.Fake.SetPosition("AAPL", 5m, 100m); // bought by hand on Alpaca's site
            await harness.Services.GetRequiredService<AlpacaReconciler>().ReconcileAsync(atStartUp: true, None);
        }

        using var after = Reopen(database, "momentum");
        var events = await after.GetRequiredService<IReconciliationStore>().GetLatestAsync(10, null, None);
        using var other = Reopen(database, null);

        var stored = Assert.Single(events);
        Assert.Equal((ReconciliationKind.PositionDiffers, "AAPL", "0", "5", "momentum"), (stored.Kind, stored.Symbol, stored.OurValue, stored.BrokerValue, stored.Agent));
        Assert.Contains("Alpaca holds 5 shares", stored.Description);
        Assert.Empty(await other.GetRequiredService<IReconciliationStore>().GetLatestAsync(10, null, None));
    }
}
