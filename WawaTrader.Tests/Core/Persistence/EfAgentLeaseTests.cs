using WawaTrader.Core.Agents;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>
/// The agent lease on both providers. Two <see cref="TempDatabase.AsAgent"/> views with one name are two processes of one agent (the
/// same process id, so neither counts as dead); each has its own clock, so one can be set minutes ahead of or behind the other.
/// </summary>
public abstract class EfAgentLeaseTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfAgentLeaseTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfAgentLeaseTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Sets the holder's clock <paramref name="holderAheadMinutes"/> ahead of the newcomer's (behind when negative).</summary>
    private static void Skew(TempDatabase holder, TempDatabase newcomer, int holderAheadMinutes)
    {
        if (holderAheadMinutes > 0) holder.Time.Advance(TimeSpan.FromMinutes(holderAheadMinutes));
        else newcomer.Time.Advance(TimeSpan.FromMinutes(-holderAheadMinutes));
    }

    /// <summary>Moves the watching process's clock on a second at a time until <paramref name="acquiring"/> ends, running
    /// <paramref name="eachSecond"/> (the holder's heartbeat) first in each step; at most ten minutes of its time.</summary>
    private static async Task PumpAsync(Task acquiring, TempDatabase watcher, Func<Task>? eachSecond = null)
    {
        for (var second = 0; !acquiring.IsCompleted && second < 600; second++)
        {
            if (eachSecond is not null) await eachSecond();
            watcher.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(acquiring, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System));
        }
        await acquiring;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)] // the holder's clock five minutes ahead of the newcomer's
    [InlineData(-5)] // and five minutes behind: by the newcomer's clock its heartbeat looks five minutes old
    public async Task A_second_process_of_an_agent_whose_heartbeat_changes_while_it_watches_is_refused_whatever_the_clocks_say(int holderAheadMinutes)
    {
        await using var database = await CreateMigratedAsync();
        var first = database.AsAgent("alpha");
        var second = database.AsAgent("alpha");
        Skew(first, second, holderAheadMinutes);
        await first.Get<EfAgentLease>().AcquireAsync(None);

        var refused = await Assert.ThrowsAsync<AgentLeaseRefusedException>(() => PumpAsync(second.Get<EfAgentLease>().AcquireAsync(None), second,
            async () => { first.Time.Advance(TimeSpan.FromSeconds(1)); await first.Get<EfAgentLease>().RenewAsync(None); }));

        Assert.Matches($@"^Agent 'alpha' is already running on {Environment.MachineName} \(pid {Environment.ProcessId}, heartbeat renewed while this process watched for \d+ s\); stop it or pick another Agent:Name\.$",
            refused.Message);
        Assert.True(first.Get<EfAgentLease>().IsHeld);
        Assert.True(await first.Get<EfAgentLease>().RenewAsync(None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)] // a dead holder's clock minutes ahead: by the newcomer's clock its last heartbeat is still in the future
    [InlineData(-5)]
    public async Task A_lease_whose_heartbeat_stays_the_same_for_the_timeout_of_the_newcomers_time_is_taken_over_whatever_the_clocks_say(int holderAheadMinutes)
    {
        await using var database = await CreateMigratedAsync();
        var first = database.AsAgent("alpha");
        var second = database.AsAgent("alpha");
        Skew(first, second, holderAheadMinutes);
        var lost = new List<string>();
        first.Get<EfAgentLease>().Lost += lost.Add;
        await first.Get<EfAgentLease>().AcquireAsync(None);
        var watchFrom = second.Time.GetTimestamp();

        await PumpAsync(second.Get<EfAgentLease>().AcquireAsync(None), second);

        Assert.True(second.Get<EfAgentLease>().IsHeld);
        Assert.InRange(second.Time.GetElapsedTime(watchFrom), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)); // the default lease timeout is 30 s
        Assert.False(await first.Get<EfAgentLease>().RenewAsync(None));
        Assert.Contains("lost its lease", Assert.Single(lost), StringComparison.Ordinal);
        Assert.True(await second.Get<EfAgentLease>().RenewAsync(None));
    }

    [Fact]
    public async Task A_holder_whose_clock_stands_still_still_writes_a_new_heartbeat_each_time()
    {
        await using var database = await CreateMigratedAsync();
        var first = database.AsAgent("alpha");
        var second = database.AsAgent("alpha");
        await first.Get<EfAgentLease>().AcquireAsync(None);

        await Assert.ThrowsAsync<AgentLeaseRefusedException>(() => PumpAsync(second.Get<EfAgentLease>().AcquireAsync(None), second,
            () => first.Get<EfAgentLease>().RenewAsync(None)));
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
