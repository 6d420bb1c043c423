using WawaTrader.Core.Agents;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>
/// The agent lease on both providers. Two <see cref="TempDatabase.AsAgent"/> views with one name are two processes of one agent (the
/// same process id, so neither counts as dead); each has its own clock, so one can be moved past the other's heartbeat.
/// </summary>
public abstract class EfAgentLeaseTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfAgentLeaseTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfAgentLeaseTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_second_process_of_an_agent_whose_heartbeat_is_fresh_is_refused_naming_the_holder()
    {
        await using var database = await CreateMigratedAsync();
        var first = database.AsAgent("alpha");
        var second = database.AsAgent("alpha");
        await first.Get<EfAgentLease>().AcquireAsync(None);
        second.Time.Advance(TimeSpan.FromSeconds(3));

        var refused = await Assert.ThrowsAsync<AgentLeaseRefusedException>(() => second.Get<EfAgentLease>().AcquireAsync(None));

        Assert.Equal($"Agent 'alpha' is already running on {Environment.MachineName} (pid {Environment.ProcessId}, heartbeat 3 s ago); " +
            "stop it or pick another Agent:Name.", refused.Message);
        Assert.True(first.Get<EfAgentLease>().IsHeld);
    }

    [Fact]
    public async Task A_stale_lease_is_taken_over_and_its_old_holder_learns_it_lost_it()
    {
        await using var database = await CreateMigratedAsync();
        var first = database.AsAgent("alpha");
        var second = database.AsAgent("alpha");
        var lost = new List<string>();
        first.Get<EfAgentLease>().Lost += lost.Add;
        await first.Get<EfAgentLease>().AcquireAsync(None);
        second.Time.Advance(TimeSpan.FromSeconds(31)); // the default lease timeout is 30 s

        await second.Get<EfAgentLease>().AcquireAsync(None);

        Assert.True(second.Get<EfAgentLease>().IsHeld);
        Assert.False(await first.Get<EfAgentLease>().RenewAsync(None));
        Assert.Contains("lost its lease", Assert.Single(lost), StringComparison.Ordinal);
        Assert.True(await second.Get<EfAgentLease>().RenewAsync(None));
    }

    [Fact]
    public async Task Renewed_heartbeats_keep_the_lease_fresh()
    {
        await using var database = await CreateMigratedAsync();
        var first = database.AsAgent("alpha");
        var second = database.AsAgent("alpha");
        await first.Get<EfAgentLease>().AcquireAsync(None);
        first.Time.Advance(TimeSpan.FromSeconds(25));
        Assert.True(await first.Get<EfAgentLease>().RenewAsync(None));
        second.Time.Advance(TimeSpan.FromSeconds(40)); // 40 s after the start, 15 s after the last heartbeat

        await Assert.ThrowsAsync<AgentLeaseRefusedException>(() => second.Get<EfAgentLease>().AcquireAsync(None));
    }

    [Fact]
    public async Task A_released_lease_is_taken_at_once()
    {
        await using var database = await CreateMigratedAsync();
        var first = database.AsAgent("alpha");
        var second = database.AsAgent("alpha");
        await first.Get<EfAgentLease>().AcquireAsync(None);

        await first.Get<EfAgentLease>().ReleaseAsync(None);
        await second.Get<EfAgentLease>().AcquireAsync(None);

        Assert.True(second.Get<EfAgentLease>().IsHeld);
        Assert.False(first.Get<EfAgentLease>().IsHeld);
    }

    [Fact]
    public async Task Agents_with_other_names_hold_their_own_leases_side_by_side()
    {
        await using var database = await CreateMigratedAsync();
        await database.AsAgent("alpha").Get<EfAgentLease>().AcquireAsync(None);

        await database.AsAgent("beta").Get<EfAgentLease>().AcquireAsync(None);

        Assert.Equal(2L, Convert.ToInt64(await database.ScalarAsync("SELECT count(*) FROM agent_leases"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_directory_lists_agents_with_a_lease_or_decisions_running_while_their_heartbeat_is_fresh()
    {
        await using var database = await CreateMigratedAsync();
        var alpha = database.AsAgent("alpha");
        var beta = database.AsAgent("beta");
        await alpha.Get<EfAgentLease>().AcquireAsync(None);
        await alpha.Journal.RecordDecisionAsync(JournalData.Decision("AAPL"), None);
        await alpha.Journal.RecordDecisionAsync(JournalData.Decision("MSFT"), None);
        await beta.Get<EfAgentLease>().AcquireAsync(None);
        await beta.Get<EfAgentLease>().ReleaseAsync(None);
        await database.Journal.RecordDecisionAsync(JournalData.Decision("SPY"), None);

        var agents = (await alpha.Get<IAgentDirectory>().ListAsync(None)).ToDictionary(a => a.Name);

        Assert.Equal(["alpha", "beta", "default"], agents.Keys);
        Assert.True(agents["alpha"].Running);
        Assert.Equal(2, agents["alpha"].Decisions);
        Assert.Equal(Environment.MachineName, agents["alpha"].Host);
        Assert.False(agents["beta"].Running);
        Assert.False(agents["default"].Running);
        Assert.Null(agents["default"].Host);
        Assert.Equal(1, agents["default"].Decisions);
        alpha.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False((await alpha.Get<IAgentDirectory>().ListAsync(None)).Single(a => a.Name == "alpha").Running);
    }
}
