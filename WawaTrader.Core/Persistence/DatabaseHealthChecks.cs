using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WawaTrader.Core.Persistence.Fallback;

namespace WawaTrader.Core.Persistence;

/// <summary>The journal database's readiness checks; both Unhealthy on failure (no journal, no safe trading: a decision is
/// written before its order is sent).</summary>
public static class DatabaseHealthChecks
{
    /// <summary>Name of the check that the database answers (EF Core's DbContext check: can it connect).</summary>
    public const string Reachable = "database";

    /// <summary>Name of the check that every migration is applied.</summary>
    public const string Migrated = "database-migrations";

    /// <summary>Name of the check of where the journal's writes go (<see cref="JournalHealth"/>).</summary>
    public const string Journal = "journal";

    /// <summary>Adds <see cref="Reachable"/>, <see cref="Migrated"/> and <see cref="Journal"/> with <paramref name="tags"/>. The DbContext check resolves a
    /// scoped <see cref="TradingDbContext"/>, made here from the registered factory (the engine itself never uses a scoped one).</summary>
    public static IHealthChecksBuilder AddDatabaseChecks(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContext());
        builder.AddDbContextCheck<TradingDbContext>(Reachable, HealthStatus.Unhealthy, tags);
        builder.AddCheck<DatabaseMigrationsHealthCheck>(Migrated, HealthStatus.Unhealthy, tags);
        builder.AddCheck<JournalHealthCheck>(Journal, HealthStatus.Unhealthy, tags);
        return builder;
    }
}

/// <summary>Is the database migrated? Unhealthy when it cannot be reached or a migration is pending, naming them.</summary>
public sealed class DatabaseMigrationsHealthCheck(IDbContextFactory<TradingDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // CanConnect first: asking for migrations would create an empty SQLite file where the journal has gone missing.
        if (!await db.Database.CanConnectAsync(cancellationToken))
            return new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be reached, so its migrations cannot be read.");
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy($"{applied} migrations applied, none pending.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"{pending.Count} migrations not applied: {string.Join(", ", pending)}.");
    }
}

/// <summary>Where do the journal's writes go? The database: Healthy. The fallback file while the database refuses them: Degraded
/// (nothing acknowledged is lost; they are replayed later). Neither: Unhealthy (the agent has been halted).</summary>
public sealed class JournalHealthCheck(JournalHealth journal) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["state"] = journal.State.ToString(), ["pending"] = journal.Pending };
        return Task.FromResult(journal.State switch
        {
            JournalState.Database => HealthCheckResult.Healthy("Journal writes go to the database.", data),
            JournalState.FallbackFile => HealthCheckResult.Degraded(
                $"Journal writes go to the fallback file ({journal.Pending} waiting to be replayed): {journal.Reason}", data: data),
            _ => HealthCheckResult.Unhealthy($"Journal unavailable, the agent is halted: {journal.Reason}", data: data),
        });
    }
}
