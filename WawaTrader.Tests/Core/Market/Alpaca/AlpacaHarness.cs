using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Market.Alpaca;

/// <summary>The Alpaca market-data services as AddAlpacaMarketData registers them, pointed at a fake server, with every log line
/// (down to Trace, HTTP client logging included) captured.</summary>
internal sealed class AlpacaHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AlpacaHarness(ServiceProvider services, CapturingLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public CapturingLoggerProvider Logs { get; }

    public AlpacaHistoricalBars Bars => _services.GetRequiredService<AlpacaHistoricalBars>();

    public AlpacaBarImporter Importer => _services.GetRequiredService<AlpacaBarImporter>();

    /// <summary>Settings: the fake's URL and keys, no wait between retries; <paramref name="overrides"/> win (a null value removes a key).</summary>
    public static Dictionary<string, string?> Settings(FakeAlpacaDataServer server, IDictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Alpaca:DataUrl"] = server.BaseUrl,
            ["Alpaca:KeyId"] = server.KeyId,
            ["Alpaca:SecretKey"] = server.SecretKey,
            ["Alpaca:RetryBaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) values[key] = value;
        return values;
    }

    public static AlpacaHarness Create(FakeAlpacaDataServer server, IDictionary<string, string?>? overrides = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(server, overrides)).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddAlpacaMarketData(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new AlpacaHarness(services, logs);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Every log entry written, as text: category, message, the state's values and the exception.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} | {Describe(state)} | {exception}");

        private static string Describe<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : $"{state}";
    }
}
