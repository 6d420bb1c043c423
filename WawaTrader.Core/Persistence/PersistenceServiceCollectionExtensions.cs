using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.FirstRun;
using WawaTrader.Core.Market;
using WawaTrader.Core.Persistence.Fallback;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// The journal database (<see cref="JournalDatabase"/>: SQLite at <c>Database:Path</c>, or PostgreSQL with <c>Database:Provider=Postgres</c> and
    /// <c>ConnectionStrings:WawaTrader</c> or <c>WAWATRADER_DB_CONNECTION</c>): <see cref="IDecisionJournal"/>, <see cref="IPaperLedgerStore"/>,
    /// <see cref="IResumePointSource"/> (where the simulated or replayed market resumes after a restart),
    /// <see cref="ILlmInteractionStore"/>, <see cref="ISettingsStore"/>, <see cref="IBacktestStore"/>, <see cref="IAlertStore"/>, <see cref="IFirstRunStore"/>,
    /// <see cref="IReconciliationStore"/>, the bar cache
    /// (<see cref="IBarCache"/>) with the <see cref="BarRecorder"/> that writes the live market's bars to it (also a hosted service,
    /// flushed when the host stops; AddMarket wraps the market with it),
    /// a <see cref="TradingDbContext"/> factory, the <see cref="DatabaseInitializer"/> to run at start-up and the
    /// <see cref="JournalPruner"/> of <see cref="RetentionOptions"/> (a hosted service), the <see cref="SqliteCheckpointer"/> (a hosted
    /// service taking SQLite's WAL checkpoints out of the commits), all singletons. The stores write and read as
    /// the agent <c>Agent:Name</c> (<see cref="AgentIdentity"/>, <see cref="AgentOptions"/>); <see cref="EfAgentLease"/> (a hosted service
    /// once taken) keeps two processes from running one agent, <see cref="IAgentDirectory"/> lists the agents; a lost lease halts the agent.
    /// Uses the registered <see cref="TimeProvider"/>, or the system clock if none is.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .PostConfigure(options => options.ConnectionString ??= ConnectionString(configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AgentOptions>()
            .Bind(configuration.GetSection(AgentOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.TryAddSingleton(sp => new AgentIdentity(sp.GetRequiredService<IOptions<AgentOptions>>().Value.Name));
        services.AddSingleton(sp =>
        {
            var lease = ActivatorUtilities.CreateInstance<EfAgentLease>(sp);
            if (sp.GetService<AgentControl>() is { } control) lease.Lost += control.Halt;
            return lease;
        });
        services.AddHostedService(sp => sp.GetRequiredService<EfAgentLease>());
        services.AddSingleton<IAgentDirectory, EfAgentDirectory>();
        services.AddSingleton(sp => new SqliteConnectionFactory(sp.GetRequiredService<IOptions<DatabaseOptions>>()));
        services.AddSingleton<JournalDatabase>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value is { Provider: DatabaseOptions.Postgres } postgres
            ? new PostgresDatabase(postgres)
            : new SqliteDatabase(sp.GetRequiredService<SqliteConnectionFactory>()));
        // Pooled: the engine writes a decision per symbol per bar; reusing contexts saves their set-up on every write.
        services.AddPooledDbContextFactory<TradingDbContext>(
            (sp, builder) => sp.GetRequiredService<JournalDatabase>().Configure(builder));
        // Writes go to the database, or to the fallback file beside it while the database refuses them (Fallback/).
        services.AddSingleton<EfDecisionJournal>();
        services.AddSingleton<EfPaperLedgerStore>();
        services.AddSingleton(sp => FallbackJournalFile.For(
            ForAgent(sp.GetRequiredService<JournalDatabase>().DefaultFallbackJournalPath, sp.GetRequiredService<AgentIdentity>()),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.FallbackJournalPath));
        services.AddSingleton<JournalHealth>();
        services.AddSingleton<DurableJournal>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableJournal>());
        services.AddSingleton<IDecisionJournal, DurableDecisionJournal>();
        services.AddSingleton<IPaperLedgerStore, DurablePaperLedgerStore>();
        services.AddSingleton<IResumePointSource, EfResumePointSource>();
        services.AddSingleton<EfLlmInteractionStore>();
        services.AddSingleton<ILlmInteractionStore>(sp => sp.GetRequiredService<EfLlmInteractionStore>());
        services.AddSingleton<ISettingsStore, EfSettingsStore>();
        services.AddSingleton<IBacktestStore, EfBacktestStore>();
        services.AddSingleton<IBarCache, EfBarCache>();
        services.AddSingleton<EfAlertStore>();
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<EfAlertStore>());
        services.AddSingleton<IReconciliationStore, EfReconciliationStore>();
        services.AddSingleton<IFirstRunStore, EfFirstRunStore>();
        services.AddSingleton<BarRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<BarRecorder>());
        services.AddSingleton<SqliteCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
        services.AddSingleton<DatabaseInitializer>();
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<JournalPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<JournalPruner>());
        return services;
    }

    /// <summary>The default fallback journal of an agent other than <c>default</c> has its name (<c>wawatrader.db.NAME.journal.jsonl</c>),
    /// so agents sharing a data folder never replay each other's records.</summary>
    private static string ForAgent(string defaultPath, AgentIdentity agent)
    {
        const string Suffix = ".journal.jsonl";
        if (agent.Name == AgentOptions.DefaultName || !defaultPath.EndsWith(Suffix, StringComparison.Ordinal)) return defaultPath;
        return $"{defaultPath[..^Suffix.Length]}.{agent.Name}{Suffix}";
    }

    /// <summary><c>ConnectionStrings:WawaTrader</c>, else <c>WAWATRADER_DB_CONNECTION</c> (from the configuration or the environment), else null.</summary>
    private static string? ConnectionString(IConfiguration configuration) =>
        new[]
        {
            configuration.GetConnectionString(DatabaseOptions.ConnectionStringName),
            configuration[DatabaseOptions.ConnectionVariable],
            Environment.GetEnvironmentVariable(DatabaseOptions.ConnectionVariable),
        }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
