using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Persistence.Fallback;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Persistence.Fallback;

/// <summary>The fallback journal with PostgreSQL: a server that is down or refuses connections is a storage failure (Npgsql's
/// exceptions, wrapped by EF), so records go to the file in the data folder and come back in order.</summary>
public sealed class DurableJournalPostgresTests
{
    [Fact]
    public async Task A_server_that_is_down_sends_records_to_the_fallback_file_in_the_data_folder()
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-pg-fallback-").FullName;
        try
        {
            await using var services = Services(folder, $"Host=127.0.0.1;Port={PostgresDatabaseTests.ClosedPort()};Database=trades;Username=u;Password=p;Timeout=3");
            var durable = services.GetRequiredService<DurableJournal>();
            var decision = JournalData.Decision(withOrder: true);

            await services.GetRequiredService<IDecisionJournal>().RecordDecisionAsync(decision, CancellationToken.None);

            Assert.Equal(JournalState.FallbackFile, durable.State);
            Assert.Equal(Path.Combine(folder, "wawatrader.journal.jsonl"), durable.FallbackFile.Path);
            Assert.Equal(decision.Id, Assert.Single(durable.FallbackFile.ReadAll()).Decision!.Id);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Records_kept_while_the_server_refuses_connections_are_replayed_in_order_when_it_takes_them_again()
    {
        await using var database = await TempDatabase.CreateMigratedAsync(TestProvider.Postgres);
        var folder = Directory.CreateTempSubdirectory("wawatrader-pg-fallback-").FullName;
        try
        {
            await using var services = Services(folder, database.ConnectionString!);
            var journal = services.GetRequiredService<IDecisionJournal>();
            var durable = services.GetRequiredService<DurableJournal>();
            var decisions = Enumerable.Range(0, 4).Select(i => JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(i))).ToList();
            await journal.RecordDecisionAsync(decisions[0], CancellationToken.None);

            await AllowConnectionsAsync(database.ConnectionString!, allow: false);
            foreach (var d in decisions.Skip(1)) await journal.RecordDecisionAsync(d, CancellationToken.None);
            Assert.Equal(JournalState.FallbackFile, durable.State);
            Assert.Equal(3, durable.Pending);
            Assert.False(await durable.ReplayAsync(CancellationToken.None)); // still refused: kept

            await AllowConnectionsAsync(database.ConnectionString!, allow: true);
            Assert.True(await durable.ReplayAsync(CancellationToken.None));

            Assert.Equal(JournalState.Database, durable.State);
            var stored = await journal.GetDecisionsAsync(null, 10, CancellationToken.None);
            Assert.Equal(decisions.Select(d => d.Id).Reverse(), stored.Select(d => d.Id));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ServiceProvider Services(string folder, string connectionString) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2024, 3, 15, 14, 0, 0, TimeSpan.Zero)))
            .AddPersistence(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:Path"] = Path.Combine(folder, "wawatrader.db"),
                ["ConnectionStrings:WawaTrader"] = connectionString,
            }).Build())
            .BuildServiceProvider();

    /// <summary>Lets the database take new connections or not, closing the open ones (the app's pool) when not.</summary>
    private static async Task AllowConnectionsAsync(string connectionString, bool allow)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS {(allow ? "true" : "false")};" +
            (allow ? "" : $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid();"), admin);
        await command.ExecuteNonQueryAsync();
    }
}
