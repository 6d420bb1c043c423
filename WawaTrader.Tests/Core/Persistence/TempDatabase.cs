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
/// A SQLite file of its own in a fresh temp folder, wired through <see cref="PersistenceServiceCollectionExtensions.AddPersistence"/>
/// with a fake clock. Disposing clears the connection pools and deletes the folder.
/// </summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public TempDatabase(string relativeFile = "wawatrader.db")
    {
        Folder = Path.Combine(Path.GetTempPath(), "wawatrader-tests", Guid.NewGuid().ToString("N"));
        DatabasePath = Path.Combine(Folder, relativeFile);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Path"] = DatabasePath })
            .Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .AddPersistence(configuration)
            .ConfigureDbContext<TradingDbContext>(builder => builder.AddInterceptors(Commands))
            .BuildServiceProvider();
    }

    public string Folder { get; }
    public string DatabasePath { get; }
    /// <summary>Every SQL command EF sent through this database's contexts.</summary>
    public CommandCounter Commands { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 3, 15, 14, 0, 0, TimeSpan.Zero));

    public IDecisionJournal Journal => _services.GetRequiredService<IDecisionJournal>();
    public IPaperLedgerStore Ledger => _services.GetRequiredService<IPaperLedgerStore>();
    public ILlmInteractionStore LlmStore => _services.GetRequiredService<ILlmInteractionStore>();
    public IBarCache BarCache => _services.GetRequiredService<IBarCache>();
    public IResumePointSource ResumePoints => _services.GetRequiredService<IResumePointSource>();
    public DatabaseInitializer Initializer => _services.GetRequiredService<DatabaseInitializer>();
    public SqliteConnectionFactory Connections => _services.GetRequiredService<SqliteConnectionFactory>();

    public IDbContextFactory<TradingDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<TradingDbContext>>();

    public TradingDbContext CreateContext() =>
        _services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContext();

    /// <summary>A database with all migrations applied.</summary>
    public static async Task<TempDatabase> CreateMigratedAsync()
    {
        var database = new TempDatabase();
        await database.Initializer.MigrateAsync(CancellationToken.None);
        return database;
    }

    /// <summary>Runs one scalar SQL statement on a raw connection (not through EF).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = Connections.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
