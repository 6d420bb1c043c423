using WawaTrader.Core.Persistence.Fallback;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Persistence;

public sealed class PersistenceServiceCollectionExtensionsTests
{
    [Fact]
    public void Registers_the_journal_the_ledger_store_the_interaction_store_and_the_initializer_as_singletons()
    {
        using var services = Build(new() { ["Database:Path"] = Path.Combine(Path.GetTempPath(), "unused", "never-opened.db") });

        Assert.IsType<DurableDecisionJournal>(services.GetRequiredService<IDecisionJournal>());
        Assert.IsType<DurablePaperLedgerStore>(services.GetRequiredService<IPaperLedgerStore>());
        Assert.IsType<EfLlmInteractionStore>(services.GetRequiredService<ILlmInteractionStore>());
        Assert.Same(services.GetRequiredService<ILlmInteractionStore>(), services.GetRequiredService<ILlmInteractionStore>());
        Assert.Same(services.GetRequiredService<IDecisionJournal>(), services.GetRequiredService<IDecisionJournal>());
        Assert.Same(services.GetRequiredService<DatabaseInitializer>(), services.GetRequiredService<DatabaseInitializer>());
    }

    [Theory]
    [InlineData("Database:Path", "", "Path")]
    [InlineData("Database:Provider", "Postgres", "Database:Provider")]
    public void Rejects_invalid_database_settings_naming_the_key(string key, string value, string named)
    {
        using var services = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains(named, error.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddPersistence(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
