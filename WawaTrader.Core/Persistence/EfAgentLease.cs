using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Agents;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// The agent's lease (a row of <c>agent_leases</c>), so two processes never run one agent: <see cref="AcquireAsync"/> at start-up,
/// after the migration and before the agent trades, takes the row when it is missing, released, held by a process of this host
/// that no longer runs, or silent: its heartbeat value did not change for <see cref="AgentOptions.LeaseTimeout"/> of this
/// process's own elapsed time while it watched. It refuses with <see cref="AgentLeaseRefusedException"/> when the heartbeat changes
/// while it watches. The holder's heartbeat time is never compared with this process's clock, so clocks that disagree between
/// hosts (minutes ahead or behind) neither keep a dead holder's lease nor take a live one's. Each take is one conditional UPDATE
/// (or an INSERT that the key makes unique), atomic on SQLite and PostgreSQL alike. As a hosted service it renews the heartbeat
/// every <see cref="AgentOptions.HeartbeatInterval"/>; finding the row taken by another process raises <see cref="Lost"/> (the
/// agent halts). Stopping the host releases it. Times are wall time (UTC) of the writing process's clock.
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
    private DateTime _lastBeat; // the heartbeat value this process last wrote

    /// <summary>Raised once when the heartbeat finds that another process holds the lease now.</summary>
    public event Action<string>? Lost;

    /// <summary>Whether this process holds the lease (taken and not lost or released).</summary>
    public bool IsHeld => _held;

    /// <summary>Takes the lease or throws <see cref="AgentLeaseRefusedException"/> naming the process that holds it. A lease held by
    /// a live-looking process is watched for up to <see cref="AgentOptions.LeaseTimeout"/> of this process's time.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = Now();
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await ReadAsync(context, cancellationToken);
            if (row is null)
            {
                if (await TryInsertAsync(context, now, cancellationToken)) return;
                continue; // another process inserted it first: read who
            }
            var previous = row.Holder;
            var dead = previous != agent.Holder && IsDeadHere(row);
            string why;
            if (previous == agent.Holder || row.ReleasedAt is not null || dead)
            {
                var taken = await TakeAsync(context, context.AgentLeases.Where(l => l.Holder == previous
                    && (dead || l.ReleasedAt != null || l.Holder == agent.Holder)), now, cancellationToken);
                if (!taken) continue; // someone else changed it in between: look again
                why = "which no longer runs";
            }
            else
            {
                var silent = await WatchAsync(context, row, cancellationToken);
                if (silent is null) continue; // released, taken by another or gone while watched: look again
                var heartbeat = row.HeartbeatAt;
                var taken = await TakeAsync(context, context.AgentLeases.Where(l => l.Holder == previous && l.ReleasedAt == null && l.HeartbeatAt == heartbeat),
                    Now(), cancellationToken);
                if (!taken) continue; // it beat (or was taken) at the last moment: look again
                why = $"whose heartbeat did not change for {(int)silent.Value.TotalSeconds} s of this process's time";
            }
            if (row.ReleasedAt is null && previous != agent.Holder) Log.LeaseTakenOver(logger, agent.Name, row.Host, row.ProcessId, why);
            Held();
            return;
        }
        throw new InvalidOperationException($"Agent '{agent.Name}': the lease changed hands {Attempts} times while being taken; start again.");
    }

    /// <summary>Watches another process's lease: throws <see cref="AgentLeaseRefusedException"/> when its heartbeat value changes (it
    /// is alive, whatever its clock says); returns how long it watched once the value stayed the same for the lease timeout of this
    /// process's elapsed time; null when the lease was released, taken by another or deleted meanwhile.</summary>
    private async Task<TimeSpan?> WatchAsync(TradingDbContext context, AgentLeaseEntity seen, CancellationToken cancellationToken)
    {
        var timeout = options.Value.LeaseTimeout;
        var poll = options.Value.HeartbeatInterval / 2;
        var started = time.GetTimestamp();
        Log.LeaseWatched(logger, agent.Name, seen.Host, seen.ProcessId, timeout);
        while (true)
        {
            var watched = time.GetElapsedTime(started);
            if (watched >= timeout) return watched;
            var wait = timeout - watched < poll ? timeout - watched : poll;
            await Task.Delay(wait, time, cancellationToken);
            var row = await ReadAsync(context, cancellationToken);
            if (row is null || row.Holder != seen.Holder || row.ReleasedAt is not null) return null;
            if (row.HeartbeatAt != seen.HeartbeatAt)
                throw new AgentLeaseRefusedException(agent.Name, row.Host, row.ProcessId, time.GetElapsedTime(started));
        }
    }

    private Task<AgentLeaseEntity?> ReadAsync(TradingDbContext context, CancellationToken cancellationToken) =>
        context.AgentLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Agent == agent.Name, cancellationToken);

    /// <summary>Makes this process the holder of the row when it still matches <paramref name="lease"/> (one conditional UPDATE).</summary>
    private async Task<bool> TakeAsync(TradingDbContext context, IQueryable<AgentLeaseEntity> lease, DateTime now, CancellationToken cancellationToken)
    {
        var taken = await lease
            .Where(l => l.Agent == agent.Name)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Holder, agent.Holder)
                .SetProperty(l => l.Host, Environment.MachineName)
                .SetProperty(l => l.ProcessId, Environment.ProcessId)
                .SetProperty(l => l.StartedAt, now)
                .SetProperty(l => l.HeartbeatAt, now)
                .SetProperty(l => l.ReleasedAt, (DateTime?)null), cancellationToken);
        if (taken > 0) _lastBeat = now;
        return taken > 0;
    }

    /// <summary>Renews the heartbeat; false (and <see cref="Lost"/>) when another process holds the lease now.</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        // Readers watch for the value to change, so each heartbeat writes a new one even if this clock stood still or went back.
        var now = Now();
        if (now <= _lastBeat) now = _lastBeat.AddMilliseconds(1);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var renewed = await context.AgentLeases
            .Where(l => l.Agent == agent.Name && l.Holder == agent.Holder && l.ReleasedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeartbeatAt, now), cancellationToken);
        if (renewed > 0)
        {
            _lastBeat = now;
            return true;
        }
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
        _lastBeat = now;
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
