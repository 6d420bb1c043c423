using WawaTrader.Core.Agents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Persistence;
using WawaTrader.Tests.Core.Risk;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class JournalPrunerTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : JournalPrunerTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : JournalPrunerTests(TestProvider.Postgres);

    private static readonly DateTime Now = new(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc); // TempDatabase's clock

    [Fact]
    public async Task Deletes_old_decisions_without_orders_in_batches_and_keeps_those_that_traded()
    {
        await using var database = await CreateMigratedAsync();
        for (var i = 0; i < 23; i++)
            await database.Journal.RecordDecisionAsync(JournalData.Decision(time: Now.AddDays(-40).AddMinutes(i), barTime: Now.AddDays(-40).AddMinutes(i)), CancellationToken.None);
        var traded = JournalData.Decision(time: Now.AddDays(-40), withOrder: true);
        var recent = JournalData.Decision(time: Now.AddDays(-2), barTime: Now.AddDays(-2));
        await database.Journal.RecordDecisionAsync(traded, CancellationToken.None);
        await database.Journal.RecordDecisionAsync(recent, CancellationToken.None);
        database.Commands.Reset();

        var (decisions, _) = await Pruner(database, new RetentionOptions { DecisionsDays = 30, BatchSize = 10 }).PruneAsync(CancellationToken.None);

        Assert.Equal(23, decisions);
        Assert.Equal(3, database.Commands.Commands.Count(c => c.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))); // 10 + 10 + 3
        Assert.NotNull(await database.Journal.GetDecisionAsync(traded.Id, CancellationToken.None));
        Assert.NotNull(await database.Journal.GetDecisionAsync(recent.Id, CancellationToken.None));
        await using var context = database.CreateContext();
        Assert.Equal(2, await context.Decisions.CountAsync());
    }

    [Fact]
    public async Task Deletes_old_model_interactions_and_keeps_their_decisions()
    {
        await using var database = await CreateMigratedAsync();
        var old = JournalData.Decision(time: Now.AddDays(-10)).WithModel();
        var fresh = JournalData.Decision(time: Now.AddHours(-1), barTime: Now.AddHours(-1)).WithModel();
        await database.Journal.RecordDecisionAsync(old, CancellationToken.None);
        await database.Journal.RecordDecisionAsync(fresh, CancellationToken.None);

        var (_, interactions) = await Pruner(database, new RetentionOptions { InteractionsDays = 7 }).PruneAsync(CancellationToken.None);

        Assert.Equal(1, interactions);
        Assert.Null((await database.Journal.GetDecisionAsync(old.Id, CancellationToken.None))!.Interaction);
        Assert.NotNull((await database.Journal.GetDecisionAsync(fresh.Id, CancellationToken.None))!.Interaction);
    }

    [Fact]
    public async Task Keeps_everything_by_default()
    {
        await using var database = await CreateMigratedAsync();
        await database.Journal.RecordDecisionAsync(JournalData.Decision(time: Now.AddYears(-5)).WithModel(), CancellationToken.None);

        Assert.Equal((0, 0), await Pruner(database, new RetentionOptions()).PruneAsync(CancellationToken.None));
    }

    private static JournalPruner Pruner(TempDatabase database, RetentionOptions options) =>
        new(database.Contexts, AgentIdentity.Default, new TestOptionsMonitor<RetentionOptions>(options), database.Time, NullLogger<JournalPruner>.Instance);
}
