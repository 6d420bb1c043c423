using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WawaTrader.Core.Persistence;

/// <summary>The journal database's readiness checks; both Unhealthy on failure (no journal, no safe trading: a decision is
/// written before its order is sent).</summary>
public static class DatabaseHealthChecks
{
    /// <summary>Name of the check that the database answers (EF Core's DbContext check: can it connect).</summary>
    public const string Reachable = "database";

    /// <summary>Name of the check that every migration is applied.</summary>
    public const string Migrated = "database-migrations";

    /// <summary>Adds <see cref="Reachable"/> and <see cref="Migrated"/> with <paramref name="tags"/>. The DbContext check resolves a
    /// scoped <see cref="TradingDbContext"/>, made here from the registered factory (the engine itself never uses a scoped one).</summary>
    public static IHealthChecksBuilder AddDatabaseChecks(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContext());
        builder.AddDbContextCheck<TradingDbContext>(Reachable, HealthStatus.Unhealthy, tags);
        builder.AddCheck<DatabaseMigrationsHealthCheck>(Migrated, HealthStatus.Unhealthy, tags);
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
