using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Persistence.Fallback;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Persistence.Fallback;

/// <summary>The journal on a real file system that fills up or turns read-only: nothing acknowledged is lost. SQLite only: a
/// full disk and a read-only file are the SQLite file's failures; a PostgreSQL server that is down or refuses connections is in
/// <see cref="DurableJournalPostgresTests"/>.</summary>
[Trait("Category", "Slow")]
public sealed class DurableJournalTests
{
    [Fact]
    public async Task A_full_disk_sends_records_to_the_fallback_file_and_they_are_replayed_in_order_once_there_is_room()
    {
        using var fs = SmallFileSystem.TryCreate(megabytes: 8);
        if (fs is null) return; // this machine does not allow mounting a file system of our own
        await using var world = await World.StartAsync(Path.Combine(fs.Folder, "w.db"));
        var before = Enumerable.Range(0, 3).Select(i => JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(i))).ToList();
        foreach (var d in before) await world.Journal.RecordDecisionAsync(d, CancellationToken.None);

        var filler = fs.Fill();
        var traded = JournalData.Decision(symbol: "NVDA", barTime: JournalData.MarketOpen.AddMinutes(10), withOrder: true);
        var during = Enumerable.Range(0, 20).Select(i => JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(20 + i))).ToList();
        await world.Journal.RecordDecisionAsync(traded, CancellationToken.None);
        foreach (var d in during) await world.Journal.RecordDecisionAsync(d, CancellationToken.None);
        var filled = traded.Order! with { Status = OrderStatus.Filled, Fills = [new Fill(traded.BarTime.AddMinutes(1), 17m, 131.20m, 0.09m)] };
        await world.Journal.UpdateOrderAsync(filled, CancellationToken.None);

        Assert.Equal(JournalState.FallbackFile, world.Durable.State);
        Assert.Equal(22, world.Durable.Pending);
        Assert.True(world.Agent.IsRunning); // the records are kept, so trading goes on
        Assert.Contains(world.Events, e => e is JournalStateChanged { State: JournalState.FallbackFile });

        File.Delete(filler);
        Assert.True(await world.Durable.ReplayAsync(CancellationToken.None));

        Assert.Equal(JournalState.Database, world.Durable.State);
        Assert.Equal(0, world.Durable.Pending);
        var stored = await world.Journal.GetDecisionsAsync(null, 100, CancellationToken.None);
        Assert.Equal(24, stored.Count);
        Assert.Equal(before.Concat([traded]).Concat(during).Select(d => d.Id).Reverse(), stored.Select(d => d.Id)); // newest first: in order
        var order = (await world.Journal.GetDecisionAsync(traded.Id, CancellationToken.None))!.Order!;
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(131.20m, Assert.Single(order.Fills).Price);
    }

    [Fact]
    public async Task Writes_queued_together_when_the_disk_fills_are_each_kept_once_in_the_database_or_the_file_in_order()
    {
        using var fs = SmallFileSystem.TryCreate(megabytes: 32); // room for the replay's WAL once the filler is gone
        if (fs is null) return;
        await using var world = await World.StartAsync(Path.Combine(fs.Folder, "w.db"));
        var decisions = Enumerable.Range(0, 100).Select(i => JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(i)).WithModel()).ToList();
        var filler = fs.Fill();

        await Task.WhenAll(decisions.Select(d => world.Journal.RecordDecisionAsync(d, CancellationToken.None)).ToList()); // all at once: batched

        Assert.Equal(JournalState.FallbackFile, world.Durable.State);
        var inFile = world.Durable.FallbackFile.ReadAll().Select(e => e.Decision!.Id).ToList();
        Assert.Equal(inFile.Count, world.Durable.Pending);
        Assert.Equal(decisions.Select(d => d.Id).TakeLast(inFile.Count), inFile); // the refused tail, in order
        File.Delete(filler);
        Assert.True(await world.Durable.ReplayAsync(CancellationToken.None));
        var stored = await world.Journal.GetDecisionsAsync(null, 1000, CancellationToken.None);
        Assert.Equal(decisions.Select(d => d.Id), stored.Select(d => d.Id).Reverse()); // each once, in order
    }

    [Fact]
    public async Task A_replay_cut_short_is_repeated_without_doubling_anything()
    {
        using var fs = SmallFileSystem.TryCreate(megabytes: 8);
        if (fs is null) return;
        var path = Path.Combine(fs.Folder, "w.db");
        var decisions = Enumerable.Range(0, 5).Select(i => JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(i))).ToList();
        await using (var world = await World.StartAsync(path))
        {
            var filler = fs.Fill();
            foreach (var d in decisions) await world.Journal.RecordDecisionAsync(d, CancellationToken.None);
            File.Delete(filler);
            await world.Database.RecordDecisionAsync(decisions[0], CancellationToken.None); // as if a replay wrote one, then the process died
            await world.Database.RecordDecisionAsync(decisions[1], CancellationToken.None);
        }

        await using var restarted = await World.StartAsync(path);
        Assert.Equal(JournalState.FallbackFile, restarted.Durable.State); // the file's records wait from the earlier run
        Assert.True(await restarted.Durable.ReplayAsync(CancellationToken.None));

        var stored = await restarted.Journal.GetDecisionsAsync(null, 100, CancellationToken.None);
        Assert.Equal(decisions.Select(d => d.Id).Reverse(), stored.Select(d => d.Id));
    }

    [Fact]
    public async Task A_read_only_database_disk_with_the_fallback_file_elsewhere_keeps_every_record()
    {
        using var dbDisk = SmallFileSystem.TryCreate(megabytes: 8);
        if (dbDisk is null) return;
        var fallback = Path.Combine(Directory.CreateTempSubdirectory("wawatrader-fallback-").FullName, "journal.jsonl");
        await using var world = await World.StartAsync(Path.Combine(dbDisk.Folder, "w.db"), fallback);
        dbDisk.ReadOnly(true);
        var decision = JournalData.Decision(withOrder: true);

        await world.Journal.RecordDecisionAsync(decision, CancellationToken.None);
        await world.Ledger.SaveAsync(new PaperLedger(99_000m, 0m, [], [], new Dictionary<string, PaperMark>()), CancellationToken.None);

        Assert.Equal(JournalState.FallbackFile, world.Durable.State);
        Assert.False(await world.Durable.ReplayAsync(CancellationToken.None)); // still read-only: kept, tried later
        Assert.Equal(99_000m, (await world.Ledger.LoadAsync(CancellationToken.None))!.Cash); // the newest ledger is the pending one
        dbDisk.ReadOnly(false);
        Assert.True(await world.Durable.ReplayAsync(CancellationToken.None));
        Assert.NotNull(await world.Journal.GetDecisionAsync(decision.Id, CancellationToken.None));
        Assert.Equal(99_000m, (await world.DatabaseLedger.LoadAsync(CancellationToken.None))!.Cash);
        Assert.False(File.Exists(fallback) && new FileInfo(fallback).Length > 0);
    }

    [Fact]
    public async Task When_the_fallback_file_refuses_too_the_agent_halts_and_says_why()
    {
        using var fs = SmallFileSystem.TryCreate(megabytes: 8);
        if (fs is null) return;
        await using var world = await World.StartAsync(Path.Combine(fs.Folder, "w.db"));
        fs.ReadOnly(true);

        var error = await Assert.ThrowsAsync<JournalUnavailableException>(() => world.Journal.RecordDecisionAsync(JournalData.Decision(), CancellationToken.None));

        Assert.Equal(AgentState.Halted, world.Agent.State);
        Assert.Contains("trading halted", world.Agent.Reason);
        Assert.Equal(JournalState.Unavailable, world.Durable.State);
        Assert.Contains(fs.Folder, error.Message);
        fs.ReadOnly(false);
    }

    [Fact]
    public async Task A_record_the_database_refuses_on_replay_is_set_aside_and_the_rest_goes_in()
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-replay-").FullName;
        var path = Path.Combine(folder, "w.db");
        var existing = JournalData.Decision(barTime: JournalData.MarketOpen).WithModel();
        var clash = JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(1));
        clash = clash with { Interaction = existing.Interaction! with { DecisionId = clash.Id } }; // the same interaction id: refused
        var fine = JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(2));
        await using (var first = await World.StartAsync(path)) await first.Journal.RecordDecisionAsync(existing, CancellationToken.None);
        var file = new FallbackJournalFile(path + ".journal.jsonl"); // where the app keeps it for this SQLite file
        file.Append(new FallbackEntry(Decision: clash));
        file.Append(new FallbackEntry(Decision: fine));

        await using var world = await World.StartAsync(path);
        Assert.True(await world.Durable.ReplayAsync(CancellationToken.None));

        Assert.NotNull(await world.Journal.GetDecisionAsync(fine.Id, CancellationToken.None));
        Assert.Null(await world.Journal.GetDecisionAsync(clash.Id, CancellationToken.None));
        var rejected = new FallbackJournalFile(Path.ChangeExtension(file.Path, ".rejected.jsonl")).ReadAll();
        Assert.Equal(clash.Id, Assert.Single(rejected).Decision!.Id);
        Assert.Equal(JournalState.Database, world.Durable.State);
    }

    [Fact]
    public async Task A_record_error_is_thrown_not_sent_to_the_fallback_file()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("wawatrader-replay-").FullName, "w.db");
        await using var world = await World.StartAsync(path);
        var first = JournalData.Decision().WithModel();
        await world.Journal.RecordDecisionAsync(first, CancellationToken.None);
        var second = JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(1));
        second = second with { Interaction = first.Interaction! with { DecisionId = second.Id } };

        await Assert.ThrowsAnyAsync<Exception>(() => world.Journal.RecordDecisionAsync(second, CancellationToken.None));

        Assert.Equal(JournalState.Database, world.Durable.State);
        Assert.Equal(0, world.Durable.Pending);
    }

    /// <summary>The persistence capability on a database at a given path, with an agent to halt and the events it publishes.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private World(ServiceProvider services) => _services = services;

        public IDecisionJournal Journal => _services.GetRequiredService<IDecisionJournal>();
        public IPaperLedgerStore Ledger => _services.GetRequiredService<IPaperLedgerStore>();
        public DurableJournal Durable => _services.GetRequiredService<DurableJournal>();
        public AgentControl Agent => _services.GetRequiredService<AgentControl>();
        /// <summary>The database stores themselves, behind the fallback.</summary>
        public EfDecisionJournal Database => _services.GetRequiredService<EfDecisionJournal>();
        public EfPaperLedgerStore DatabaseLedger => _services.GetRequiredService<EfPaperLedgerStore>();
        public List<AgentEvent> Events { get; } = [];

        public static async Task<World> StartAsync(string databasePath, string? fallbackPath = null)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Path"] = databasePath,
                ["Database:FallbackJournalPath"] = fallbackPath,
            }).Build();
            var services = new ServiceCollection()
                .AddLogging()
                .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2024, 3, 15, 14, 0, 0, TimeSpan.Zero)))
                .AddSingleton<AgentEventHub>()
                .AddSingleton<AgentControl>()
                .AddPersistence(configuration)
                .BuildServiceProvider();
            var world = new World(services);
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
            world.Durable.FallbackFile.Reserve();
            services.GetRequiredService<AgentEventHub>().Subscribe(e => { lock (world.Events) world.Events.Add(e); });
            world.Agent.Start();
            return world;
        }

        public async ValueTask DisposeAsync() => await _services.DisposeAsync();
    }
}
