using WawaTrader.Core.Agents;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Persistence;
using WawaTrader.Tests.Core.Brokers;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Configuration;

/// <summary>
/// A settings service as the app builds it: defaults as appsettings.json has them, the settings source, then an "environment"
/// source that overrides; a migrated temp database behind an <see cref="EfSettingsStore"/>; a reversible test protector.
/// <see cref="RestartAsync"/> builds a fresh configuration and service over the same database, as a restart does.
/// </summary>
internal sealed class SettingsHarness : IAsyncDisposable
{
    public static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Risk:MaxPositionPct"] = "10",
        ["Risk:MaxDailyLossPct"] = "2",
        ["Risk:MaxExposurePct"] = "30",
        ["Risk:MaxTradesPerDay"] = "10",
        ["Risk:MinConfidence"] = "70",
        ["Trading:Watchlist:0"] = "AAPL",
        ["Trading:Watchlist:1"] = "MSFT",
        ["Trading:Watchlist:2"] = "NVDA",
        ["Trading:Watchlist:3"] = "SPY",
        ["Trading:IntervalSeconds"] = "5",
    };

    private readonly Dictionary<string, string?> _environment;

    private SettingsHarness(TempDatabase database, Dictionary<string, string?> environment)
    {
        Database = database;
        _environment = environment;
        Store = new EfSettingsStore(new ContextFactory(database), AgentIdentity.Default);
        (Configuration, Service) = Build();
    }

    public TempDatabase Database { get; }
    public EfSettingsStore Store { get; }
    public TestProtector Protector { get; } = new();
    public ListLogger<SettingsService> Logger { get; private set; } = new();
    public IConfigurationRoot Configuration { get; private set; }
    public SettingsService Service { get; private set; }

    public static async Task<SettingsHarness> CreateAsync(Dictionary<string, string?>? environment = null, TestProvider provider = TestProvider.Sqlite)
    {
        var harness = new SettingsHarness(await TempDatabase.CreateMigratedAsync(provider), environment ?? []);
        await harness.Service.LoadAsync(CancellationToken.None);
        return harness;
    }

    public static SettingsCategory Category(string name) => SettingsCategories.Find(name)!;

    public Task<SettingsSaveResult> SaveAsync(string category, params (string Field, string? Value)[] changes) =>
        Service.SaveAsync(Category(category), changes.ToDictionary(c => c.Field, c => c.Value), SettingSource.Api, CancellationToken.None);

    public async Task RestartAsync()
    {
        Logger = new ListLogger<SettingsService>();
        (Configuration, Service) = Build();
        await Service.LoadAsync(CancellationToken.None);
    }

    private (IConfigurationRoot, SettingsService) Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Defaults)
            .Add(new SettingsConfigurationSource())
            .AddInMemoryCollection(_environment)
            .Build();
        return (configuration, new SettingsService(configuration, Store, Protector, Database.Time, Logger));
    }

    public ValueTask DisposeAsync()
    {
        (Configuration as IDisposable)?.Dispose();
        return Database.DisposeAsync();
    }

    private sealed class ContextFactory(TempDatabase database) : IDbContextFactory<TradingDbContext>
    {
        public TradingDbContext CreateDbContext() => database.CreateContext();
    }
}

/// <summary>Reversible stand-in for Data Protection: base64 of the reversed text behind a prefix; anything else cannot be read.</summary>
internal sealed class TestProtector : ISecretProtector
{
    private const string Prefix = "protected:";

    public string Protect(string plaintext) => Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(new string(plaintext.Reverse().ToArray())));

    public string Unprotect(string protectedText) => protectedText.StartsWith(Prefix, StringComparison.Ordinal)
        ? new string(Encoding.UTF8.GetString(Convert.FromBase64String(protectedText[Prefix.Length..])).Reverse().ToArray())
        : throw new CryptographicException("not protected by this key");
}
