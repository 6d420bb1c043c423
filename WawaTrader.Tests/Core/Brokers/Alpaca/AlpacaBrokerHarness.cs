using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Tests.Core.Market.Alpaca;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>The Alpaca broker as <c>Trading:Broker=Alpaca</c> registers it, pointed at a fake Trading API, every log line captured.</summary>
internal sealed class AlpacaBrokerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AlpacaBrokerHarness(FakeAlpacaTradingServer fake, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Fake = fake;
        _services = services;
        Logs = logs;
    }

    public FakeAlpacaTradingServer Fake { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _services;

    public AlpacaBroker Broker => _services.GetRequiredService<AlpacaBroker>();

    public AlpacaStatus Status => _services.GetRequiredService<AlpacaStatus>();

    /// <summary>Settings: the fake's URL and keys, 10 ms between retries, a 1 s attempt timeout; <paramref name="overrides"/> win.</summary>
    public static Dictionary<string, string?> Settings(FakeAlpacaTradingServer fake, IDictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Trading:Broker"] = "Alpaca",
            ["Alpaca:TradingUrl"] = fake.BaseUrl,
            ["Alpaca:KeyId"] = fake.KeyId,
            ["Alpaca:SecretKey"] = fake.SecretKey,
            ["Alpaca:RetryBaseDelay"] = "00:00:00.010",
            ["Alpaca:RequestTimeout"] = "00:00:01",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) values[key] = value;
        return values;
    }

    public static async Task<AlpacaBrokerHarness> StartAsync(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var fake = await FakeAlpacaTradingServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(fake, overrides)).Build();
        var logs = new CapturingLoggerProvider();
        var collection = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddSingleton<IPaperLedgerStore, InMemoryPaperLedgerStore>(); // the paper broker is registered beside, never used
        configure?.Invoke(collection);
        var services = collection.AddBrokers(configuration).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new AlpacaBrokerHarness(fake, services, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
