using System.Text;
using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// The journal database: decisions (with the technical view when the model was involved), their model interactions,
/// orders, fills, performance snapshots, the paper ledger, the settings a user saved (with their history), backtest runs, the bar cache, the alerts sent the agents' leases and the first-run state, in snake_case
/// tables and columns. Enums are stored as their names, times as UTC (read back with <see cref="DateTimeKind.Utc"/>),
/// decimals with the provider's default (TEXT on SQLite, so never ordered or compared in SQL; numeric on PostgreSQL).
/// The schema is created by migrations (<see cref="DatabaseInitializer"/>), never by EnsureCreated.
/// </summary>
public sealed class TradingDbContext(DbContextOptions<TradingDbContext> options) : DbContext(options)
{
    internal DbSet<DecisionEntity> Decisions => Set<DecisionEntity>();
    internal DbSet<OrderEntity> Orders => Set<OrderEntity>();
    internal DbSet<FillEntity> Fills => Set<FillEntity>();
    internal DbSet<PerformanceSnapshotEntity> PerformanceSnapshots => Set<PerformanceSnapshotEntity>();
    internal DbSet<PaperLedgerEntity> PaperLedger => Set<PaperLedgerEntity>();
    internal DbSet<LlmInteractionEntity> LlmInteractions => Set<LlmInteractionEntity>();
    internal DbSet<SettingEntity> Settings => Set<SettingEntity>();
    internal DbSet<SettingHistoryEntity> SettingsHistory => Set<SettingHistoryEntity>();
    internal DbSet<BacktestEntity> Backtests => Set<BacktestEntity>();
    internal DbSet<BarEntity> Bars => Set<BarEntity>();
    internal DbSet<AlertEntity> Alerts => Set<AlertEntity>();
    internal DbSet<AgentLeaseEntity> AgentLeases => Set<AgentLeaseEntity>();
    internal DbSet<ReconciliationEventEntity> ReconciliationEvents => Set<ReconciliationEventEntity>();
    internal DbSet<FirstRunEntity> FirstRun => Set<FirstRunEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<TradeAction>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DecisionSource>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OrderSide>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OrderType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OrderStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<LlmOutcome>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SettingSource>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<BacktestStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AlertType>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AlertSeverity>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AlertChannelKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AlertStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ReconciliationKind>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        StoredText.Map(modelBuilder, postgres: Database.IsNpgsql());

        modelBuilder.Entity<DecisionEntity>(e =>
        {
            e.ToTable("decisions");
            e.HasKey(d => d.Seq);
            e.HasAlternateKey(d => d.Id);
            e.Property(d => d.Symbol).HasMaxLength(32);
            e.Property(d => d.Feed).HasMaxLength(16);
            // Two indexes, each ~40 bytes a decision (TradingDbContextTests shows each query's plan): by time for the pages, ranges,
            // pruning and the agent list; by symbol and bar time for a symbol's page, its latest bar (resume), its later closes and the
            // decided closes since a bar time (a skip scan over the symbols, EfDecisionJournal.DecidedSinceSql). The indexes on
            // (agent, symbol, time) and (agent, bar_time) cost more bytes than their one query each gained.
            e.HasIndex(d => new { d.Agent, d.Time });
            e.HasIndex(d => new { d.Agent, d.Symbol, d.BarTime });
            e.HasOne(d => d.Order).WithOne()
                .HasForeignKey<OrderEntity>(o => o.DecisionId)
                .HasPrincipalKey<DecisionEntity>(d => d.Id)
                .OnDelete(DeleteBehavior.Cascade);
            e.HasOne(d => d.Interaction).WithOne()
                .HasForeignKey<LlmInteractionEntity>(i => i.DecisionId)
                .HasPrincipalKey<DecisionEntity>(d => d.Id)
                .OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LlmInteractionEntity>(e =>
        {
            e.ToTable("llm_interactions");
            e.HasKey(i => i.Id);
            e.Property(i => i.Symbol).HasMaxLength(32);
            e.Property(i => i.Model).HasMaxLength(200);
            e.Property(i => i.Endpoint).HasMaxLength(500);
            e.Property(i => i.PromptVersion).HasMaxLength(64);
            e.HasIndex(i => new { i.Agent, i.Time }); // no query looks interactions up by (model, prompt version) first
        });

        modelBuilder.Entity<OrderEntity>(e =>
        {
            e.ToTable("orders");
            e.HasKey(o => o.ClientOrderId);
            e.Property(o => o.ClientOrderId).HasMaxLength(64);
            e.Property(o => o.Symbol).HasMaxLength(32);
            e.Property(o => o.BrokerOrderId).HasMaxLength(128);
            e.HasIndex(o => new { o.Agent, o.BarTime });
            e.HasIndex(o => new { o.Agent, o.Status });
            e.HasMany(o => o.Fills).WithOne(f => f.Order)
                .HasForeignKey(f => f.ClientOrderId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<FillEntity>(e =>
        {
            e.ToTable("fills");
            e.HasKey(f => f.Id);
            e.Property(f => f.ClientOrderId).HasMaxLength(64);
            e.HasIndex(f => new { f.Agent, f.Time });
        });

        modelBuilder.Entity<PerformanceSnapshotEntity>(e =>
        {
            e.ToTable("performance_snapshots");
            e.HasKey(s => s.Id);
            e.HasIndex(s => new { s.Agent, s.Time });
        });

        modelBuilder.Entity<PaperLedgerEntity>(e =>
        {
            e.ToTable("paper_ledger");
            e.HasKey(l => l.Agent);
        });

        modelBuilder.Entity<SettingEntity>(e =>
        {
            e.ToTable("settings");
            e.HasKey(s => new { s.Agent, s.Category, s.Key });
            e.Property(s => s.Category).HasMaxLength(64);
            e.Property(s => s.Key).HasMaxLength(128);
        });

        modelBuilder.Entity<SettingHistoryEntity>(e =>
        {
            e.ToTable("settings_history");
            e.HasKey(h => h.Id);
            e.Property(h => h.Category).HasMaxLength(64);
            e.Property(h => h.Field).HasMaxLength(128);
            e.HasIndex(h => new { h.Agent, h.Category, h.Id });
            e.HasIndex(h => new { h.Agent, h.Id });
        });

        modelBuilder.Entity<BacktestEntity>(e =>
        {
            e.ToTable("backtests");
            e.HasKey(b => b.Id);
            e.Property(b => b.Strategy).HasMaxLength(64);
            e.Property(b => b.Symbols).HasMaxLength(1000);
            e.HasIndex(b => b.Created);
            e.HasIndex(b => b.Status);
        });

        modelBuilder.Entity<BarEntity>(e =>
        {
            e.ToTable("bars");
            // The key's index (symbol, time) is the one range reads and the per-symbol summary use.
            e.HasKey(b => new { b.Symbol, b.Time });
            e.Property(b => b.Symbol).HasMaxLength(32);
        });

        modelBuilder.Entity<AlertEntity>(e =>
        {
            e.ToTable("alerts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Subject).HasMaxLength(EfAlertStore.MaxSubject);
            e.Property(a => a.Error).HasMaxLength(EfAlertStore.MaxError);
            e.HasIndex(a => new { a.Agent, a.Time });
            e.HasIndex(a => new { a.Agent, a.Type, a.Id });
            e.HasIndex(a => new { a.Agent, a.Status, a.Id });
        });

        modelBuilder.Entity<FirstRunEntity>(e =>
        {
            e.ToTable("first_run");
            e.HasKey(f => f.Id);
            e.Property(f => f.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<ReconciliationEventEntity>(e =>
        {
            e.ToTable("reconciliation_events");
            e.HasKey(r => r.Id);
            e.Property(r => r.Symbol).HasMaxLength(EfReconciliationStore.MaxSymbol);
            e.Property(r => r.OurValue).HasMaxLength(EfReconciliationStore.MaxValue);
            e.Property(r => r.BrokerValue).HasMaxLength(EfReconciliationStore.MaxValue);
            e.Property(r => r.Description).HasMaxLength(EfReconciliationStore.MaxDescription);
            e.Property(r => r.ClientOrderId).HasMaxLength(EfReconciliationStore.MaxClientOrderId);
            e.HasIndex(r => new { r.Agent, r.Id }); // each agent's newest first, page by page
        });

        modelBuilder.Entity<AgentLeaseEntity>(e =>
        {
            e.ToTable("agent_leases");
            e.HasKey(l => l.Agent);
            e.Property(l => l.Agent).HasMaxLength(AgentNames.MaxLength);
            e.Property(l => l.Holder).HasMaxLength(300);
            e.Property(l => l.Host).HasMaxLength(200);
        });

        // Every row an agent owns names it; rows written before agents had names belong to 'default'.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IAgentRow).IsAssignableFrom(t.ClrType)))
        {
            var agent = entity.FindProperty(nameof(IAgentRow.Agent))!;
            agent.SetMaxLength(AgentNames.MaxLength);
            agent.IsNullable = false;
            if (!agent.IsKey()) agent.SetDefaultValue(AgentOptions.DefaultName); // a key needs no default (EF warns on one): its rows are keyed by it
        }

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    /// <summary><c>ClientOrderId</c> → <c>client_order_id</c>.</summary>
    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
