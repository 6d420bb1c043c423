using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Agents;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// The agent's lease (a row of <c>agent_leases</c>), so two processes never run one agent: <see cref="AcquireAsync"/> at start-up,
/// after the migration and before the agent trades, takes the row when it is missing, released, stale (heartbeat older than
/// <see cref="AgentOptions.LeaseTimeout"/>) or held by a process of this host that no longer runs, and refuses with
/// <see cref="AgentLeaseRefusedException"/> otherwise. Each take is one conditional UPDATE (or an INSERT that the key makes
/// unique), atomic on SQLite and PostgreSQL alike. As a hosted service it renews the heartbeat every
/// <see cref="AgentOptions.HeartbeatInterval"/>; finding the row taken by another process raises <see cref="Lost"/> (the agent halts).
/// Stopping the host releases it. Times are wall time (UTC).
/// </summary>
public sealed class EfAgentLease(
    IDbContextFactory<TradingDbContext> contexts,
    AgentIdentity agent,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<EfAgentLease> logger) : BackgroundService
{
    private const int Attempts = 5;
    private volatile bool _held;

    /// <summary>Raised once when the heartbeat finds that another process holds the lease now.</summary>
    public event Action<string>? Lost;

    /// <summary>Whether this process holds the lease (taken and not lost or released).</summary>
    public bool IsHeld => _held;

    /// <summary>Takes the lease or throws <see cref="AgentLeaseRefusedException"/> naming the process that holds it.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.LeaseTimeout;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = Now();
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await context.AgentLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Agent == agent.Name, cancellationToken);
            if (row is null)
            {
                if (await TryInsertAsync(context, now, cancellationToken)) return;
                continue; // another process inserted it first: read who
            }
            var staleBefore = now - timeout;
            var dead = row.Holder != agent.Holder && IsDeadHere(row);
            var free = row.Holder == agent.Holder || row.ReleasedAt is not null || row.HeartbeatAt < staleBefore || dead;
            if (!free) throw new AgentLeaseRefusedException(agent.Name, row.Host, row.ProcessId, now - row.HeartbeatAt);

            var previous = row.Holder;
            var taken = await context.AgentLeases
                .Where(l => l.Agent == agent.Name && l.Holder == previous && (dead || l.ReleasedAt != null || l.HeartbeatAt < staleBefore || l.Holder == agent.Holder))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Holder, agent.Holder)
                    .SetProperty(l => l.Host, Environment.MachineName)
                    .SetProperty(l => l.ProcessId, Environment.ProcessId)
                    .SetProperty(l => l.StartedAt, now)
                    .SetProperty(l => l.HeartbeatAt, now)
                    .SetProperty(l => l.ReleasedAt, (DateTime?)null), cancellationToken);
            if (taken == 0) continue; // someone else changed it in between: look again
            if (row.ReleasedAt is null && previous != agent.Holder)
            {
                var why = dead ? "which no longer runs" : $"whose heartbeat was {(int)(now - row.HeartbeatAt).TotalSeconds} s old";
                Log.LeaseTakenOver(logger, agent.Name, row.Host, row.ProcessId, why);
            }
            Held();
            return;
        }
        throw new InvalidOperationException($"Agent '{agent.Name}': the lease changed hands {Attempts} times while being taken; start again.");
    }

    /// <summary>Renews the heartbeat; false (and <see cref="Lost"/>) when another process holds the lease now.</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var renewed = await context.AgentLeases
            .Where(l => l.Agent == agent.Name && l.Holder == agent.Holder && l.ReleasedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeartbeatAt, now), cancellationToken);
        if (renewed > 0) return true;
        if (_held)
        {
            _held = false;
            Log.LeaseLost(logger, agent.Name);
            Lost?.Invoke($"Agent '{agent.Name}' lost its lease to another process (its heartbeat was late); trading halted.");
        }
        return false;
    }

    /// <summary>Marks the lease released (graceful shutdown), so the next process takes it at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!_held) return;
        _held = false;
        var now = Now();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await context.AgentLeases
            .Where(l => l.Agent == agent.Name && l.Holder == agent.Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ReleasedAt, now), cancellationToken);
        Log.LeaseReleased(logger, agent.Name);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.HeartbeatInterval;
        while (_held && !stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(interval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                if (!await RenewAsync(stoppingToken)) return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { Log.HeartbeatFailed(logger, ex, agent.Name, interval); }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try { await ReleaseAsync(cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException) { Log.ReleaseFailed(logger, ex, agent.Name); }
    }

    private async Task<bool> TryInsertAsync(TradingDbContext context, DateTime now, CancellationToken cancellationToken)
    {
        context.AgentLeases.Add(new AgentLeaseEntity
        {
            Agent = agent.Name, Holder = agent.Holder, Host = Environment.MachineName, ProcessId = Environment.ProcessId,
            StartedAt = now, HeartbeatAt = now,
        });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return false;
        }
        Held();
        return true;
    }

    private void Held()
    {
        _held = true;
        Log.LeaseTaken(logger, agent.Name, agent.Holder);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    /// <summary>Whether the lease's holder is a process of this host that no longer runs (it crashed: no need to wait for staleness).</summary>
    private static bool IsDeadHere(AgentLeaseEntity row)
    {
        if (!string.Equals(row.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase)) return false;
        if (row.ProcessId == Environment.ProcessId) return false; // this process, another copy of the agent inside it
        try
        {
            using var process = Process.GetProcessById(row.ProcessId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process has that id
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
