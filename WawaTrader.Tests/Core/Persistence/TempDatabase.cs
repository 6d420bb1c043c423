using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>
/// A database of its own — a SQLite file in a fresh temp folder, or (<see cref="TestProvider.Postgres"/>) a fresh database on the test
/// server (<see cref="TestPostgres"/>) with its local files in that folder — wired through
/// <see cref="PersistenceServiceCollectionExtensions.AddPersistence"/> with a fake clock. Disposing clears the connection pools,
/// drops the PostgreSQL database and deletes the folder.
/// </summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<TempDatabase> _agents = [];

    public TempDatabase(string relativeFile = "wawatrader.db") : this(TestProvider.Sqlite, null, relativeFile)
    {
    }

    private TempDatabase(TestProvider provider, string? connectionString, string relativeFile = "wawatrader.db", string? folder = null, string? agent = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "wawatrader-tests", Guid.NewGuid().ToString("N"));
        DatabasePath = Path.Combine(Folder, relativeFile);
        var settings = new Dictionary<string, string?> { ["Database:Path"] = DatabasePath };
        if (agent is not null) settings["Agent:Name"] = agent;
        if (provider == TestProvider.Postgres)
        {
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:WawaTrader"] = connectionString;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .AddPersistence(configuration)
            .ConfigureDbContext<TradingDbContext>(builder => builder.AddInterceptors(Commands))
            .BuildServiceProvider();
    }

    public TestProvider Provider { get; }

    /// <summary>The same database as the agent <paramref name="agent"/> sees it: its own stores, its own clock (disposed with this one).</summary>
    public TempDatabase AsAgent(string agent)
    {
        var other = new TempDatabase(Provider, ConnectionString, Path.GetFileName(DatabasePath), Folder, agent);
        _agents.Add(other);
        return other;
    }

    /// <summary>A service of this database's provider (the lease, the agent directory, the concrete stores).</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The PostgreSQL database's connection string; null on SQLite.</summary>
    public string? ConnectionString { get; }

    public string Folder { get; }
    public string DatabasePath { get; }
    /// <summary>Every SQL command EF sent through this database's contexts.</summary>
    public CommandCounter Commands { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 3, 15, 14, 0, 0, TimeSpan.Zero));

    public IDecisionJournal Journal => _services.GetRequiredService<IDecisionJournal>();
    public WawaTrader.Core.Persistence.Fallback.DurableJournal Durable => _services.GetRequiredService<WawaTrader.Core.Persistence.Fallback.DurableJournal>();
    public EfDecisionJournal Database => _services.GetRequiredService<EfDecisionJournal>();
    public IPaperLedgerStore Ledger => _services.GetRequiredService<IPaperLedgerStore>();
    public ILlmInteractionStore LlmStore => _services.GetRequiredService<ILlmInteractionStore>();
    public IBarCache BarCache => _services.GetRequiredService<IBarCache>();
    public WawaTrader.Core.Configuration.ISettingsStore Settings => _services.GetRequiredService<WawaTrader.Core.Configuration.ISettingsStore>();
    public WawaTrader.Core.Backtesting.IBacktestStore Backtests => _services.GetRequiredService<WawaTrader.Core.Backtesting.IBacktestStore>();
    public IResumePointSource ResumePoints => _services.GetRequiredService<IResumePointSource>();
    public DatabaseInitializer Initializer => _services.GetRequiredService<DatabaseInitializer>();
    public SqliteConnectionFactory Connections => _services.GetRequiredService<SqliteConnectionFactory>();

    public IDbContextFactory<TradingDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<TradingDbContext>>();

    public TradingDbContext CreateContext() =>
        _services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContext();

    /// <summary>A SQLite database with all migrations applied.</summary>
    public static Task<TempDatabase> CreateMigratedAsync() => CreateMigratedAsync(TestProvider.Sqlite);

    /// <summary>A database of <paramref name="provider"/> with all migrations applied.</summary>
    public static async Task<TempDatabase> CreateMigratedAsync(TestProvider provider)
    {
        var database = await CreateAsync(provider);
        await database.Initializer.MigrateAsync(CancellationToken.None);
        return database;
    }

    /// <summary>An empty database of <paramref name="provider"/> (no migrations applied).</summary>
    public static async Task<TempDatabase> CreateAsync(TestProvider provider) =>
        provider == TestProvider.Postgres ? new TempDatabase(provider, await TestPostgres.CreateDatabaseAsync()) : new TempDatabase();

    /// <summary>The existing PostgreSQL database at <paramref name="connectionString"/> (made with <see cref="TestPostgres.CreateDatabaseAsync"/>);
    /// dropped on dispose.</summary>
    public static TempDatabase OnPostgres(string connectionString) => new(TestProvider.Postgres, connectionString);

    /// <summary>Runs one scalar SQL statement on a raw connection of the provider (not through EF's change tracking).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var context = CreateContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents) await agent._services.DisposeAsync();
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (ConnectionString is not null) await TestPostgres.DropDatabaseAsync(ConnectionString);
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
