using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>Choosing PostgreSQL: the connection string's sources, its secrecy, its migrations and the schema they make.</summary>
public sealed class PostgresDatabaseTests
{
    private const string Password = "s3cret-Pa55word";

    /// <summary>A loopback port nothing listens on (bound and released).</summary>
    internal static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    internal static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddPersistence(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public void Model_has_no_changes_missing_from_the_postgres_migrations()
    {
        var builder = new DbContextOptionsBuilder<TradingDbContext>();
        new PostgresDatabase(new DatabaseOptions { Provider = "Postgres", ConnectionString = "Host=127.0.0.1;Database=wawatrader" }).Configure(builder);
        using var context = new TradingDbContext(builder.Options);

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_naming_the_key()
    {
        using var services = Services(new() { ["Database:Provider"] = "Postgres" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains("ConnectionStrings:WawaTrader", error.Message);
        Assert.Contains("WAWATRADER_DB_CONNECTION", error.Message);
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_both_choices()
    {
        using var services = Services(new() { ["Database:Provider"] = "MySql" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains("Sqlite or Postgres", error.Message);
    }

    [Fact]
    public void The_connection_string_comes_from_WAWATRADER_DB_CONNECTION_when_ConnectionStrings_has_none()
    {
        using var services = Services(new() { ["Database:Provider"] = "Postgres", ["WAWATRADER_DB_CONNECTION"] = "Host=db.example;Database=trades;Username=trader" });

        var database = services.GetRequiredService<JournalDatabase>();

        Assert.Equal("Postgres", database.Provider);
        Assert.Equal("'trades' on db.example:5432 as trader", database.Location);
    }

    [Fact]
    public void The_local_files_of_a_postgres_journal_are_in_the_folder_of_the_database_path()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wawatrader-tests", Guid.NewGuid().ToString("N"));
        using var services = Services(new()
        {
            ["Database:Provider"] = "Postgres", ["Database:Path"] = Path.Combine(folder, "wawatrader.db"),
            ["ConnectionStrings:WawaTrader"] = "Host=127.0.0.1;Database=trades",
        });

        var database = services.GetRequiredService<JournalDatabase>();

        Assert.Equal(folder, database.DataFolder);
        Assert.Equal(Path.Combine(folder, "wawatrader.journal.jsonl"), database.DefaultFallbackJournalPath);
    }

    [Fact]
    public async Task An_unreachable_server_stops_start_up_with_a_message_naming_it_without_the_password()
    {
        var port = ClosedPort();
        var folder = Path.Combine(Path.GetTempPath(), "wawatrader-tests", Guid.NewGuid().ToString("N"));
        await using var services = Services(new()
        {
            ["Database:Provider"] = "Postgres", ["Database:Path"] = Path.Combine(folder, "wawatrader.db"),
            ["ConnectionStrings:WawaTrader"] = $"Host=127.0.0.1;Port={port};Database=trades;Username=trader;Password={Password};Timeout=3",
        });
        try
        {
            var error = await Assert.ThrowsAsync<DatabaseInitializationException>(
                () => services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None));

            Assert.Contains($"127.0.0.1:{port}", error.Message);
            Assert.DoesNotContain(Password, error.Message);
            Assert.DoesNotContain(Password, error.ToString());
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Both_providers_create_the_same_tables_and_columns()
    {
        await using var sqlite = await TempDatabase.CreateMigratedAsync(TestProvider.Sqlite);
        await using var postgres = await TempDatabase.CreateMigratedAsync(TestProvider.Postgres);

        var onSqlite = await ColumnsAsync(sqlite,
            "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name NOT LIKE '!_!_EF%' ESCAPE '!'");
        var onPostgres = await ColumnsAsync(postgres,
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '!_!_EF%' ESCAPE '!'");

        Assert.Equal(onSqlite, onPostgres);
        Assert.Contains("decisions.indicators_json", onPostgres);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Migrating_a_migrated_postgres_database_again_changes_nothing()
    {
        await using var database = await TempDatabase.CreateMigratedAsync(TestProvider.Postgres);
        var applied = await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\"");

        await database.Initializer.MigrateAsync(CancellationToken.None);

        Assert.Equal(applied, await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\""));
        await using var context = database.CreateContext();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }

    private static async Task<List<string>> ColumnsAsync(TempDatabase database, string sql)
    {
        await using var context = database.CreateContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        columns.Sort(StringComparer.Ordinal);
        return columns;
    }
}
