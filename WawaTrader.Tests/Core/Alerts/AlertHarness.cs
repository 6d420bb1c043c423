using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Persistence;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Alerts;

/// <summary>
/// The alerts capability as the app composes it (AddPersistence + AddAlerts over a temp SQLite file or, with
/// <see cref="TestProvider.Postgres"/>, a fresh database on the test server; real channels, the real
/// Slack HTTP client and pipeline), with a fake clock and every log line at every level collected. Settings override the
/// defaults (both channels off, 3 attempts, 10 s base backoff). <see cref="StartAsync"/> migrates and starts the sender. The channel and
/// sender tests use SQLite; the store under them runs on both providers in <see cref="EfAlertStoreTests"/> and the alerts API tests.
/// </summary>
internal sealed class AlertHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 3, 15, 14, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wawatrader-tests", Guid.NewGuid().ToString("N"));

    private readonly string? _connectionString;

    public AlertHarness(IDictionary<string, string?> settings, TimeProvider? time = null, TestProvider provider = TestProvider.Sqlite)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Path"] = Path.Combine(_folder, "wawatrader.db"),
            ["Alerts:MaxAttempts"] = "3",
            ["Alerts:RetryBaseDelay"] = "00:00:10",
            ["Alerts:SendTimeout"] = "00:00:05",
            ["Alerts:From"] = "wawatrader@example.com",
        };
        if (provider == TestProvider.Postgres)
        {
            _connectionString = TestPostgres.NewDatabaseConnectionString(); // created by StartAsync's migration
            values["Database:Provider"] = "Postgres";
            values["ConnectionStrings:WawaTrader"] = _connectionString;
        }
        foreach (var (key, value) in settings) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        _services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs))
            .AddSingleton(time ?? Time)
            .AddPersistence(configuration)
            .AddAlerts(configuration)
            .BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public CollectingLoggerProvider Logs { get; } = new();

    public AlertManager Manager => _services.GetRequiredService<AlertManager>();

    public IAlertStore Store => _services.GetRequiredService<IAlertStore>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async Task<AlertHarness> StartAsync()
    {
        await _services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        await Manager.StartAsync(CancellationToken.None);
        return this;
    }

    /// <summary>Records of <paramref name="channel"/>, oldest first.</summary>
    public async Task<IReadOnlyList<AlertDelivery>> RecordsAsync(AlertChannelKind? channel = null) =>
        [.. (await Store.QueryAsync(new AlertQuery(Channel: channel, Limit: 1000), CancellationToken.None)).Reverse()];

    /// <summary>Waits until the only record of <paramref name="channel"/> satisfies <paramref name="condition"/>; returns it.</summary>
    public async Task<AlertDelivery> OneRecordAsync(AlertChannelKind channel, Func<AlertDelivery, bool> condition, string what)
    {
        AlertDelivery? found = null;
        await Trading.Eventually.UntilAsync(() =>
        {
            var records = RecordsAsync(channel).GetAwaiter().GetResult();
            found = records.Count == 1 && condition(records[0]) ? records[0] : null;
            return found is not null;
        }, what);
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await Manager.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_connectionString is not null) await TestPostgres.DropDatabaseAsync(_connectionString);
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Collects every formatted log line of every category (with the exception's message), to prove what is never logged.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
    }
}
