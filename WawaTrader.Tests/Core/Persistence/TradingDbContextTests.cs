using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>SQLite only: the SQLite migrations and SQLite's query plans (<c>EXPLAIN QUERY PLAN</c>); the PostgreSQL migrations are checked
/// in <see cref="PostgresDatabaseTests"/>, and both providers' tables and columns compared there.</summary>
public sealed class TradingDbContextTests
{
    [Fact]
    public async Task Model_has_no_changes_missing_from_the_migrations()
    {
        await using var database = new TempDatabase();
        await using var context = database.CreateContext();

        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Theory]
    // Each agent reads its own rows: the indexes lead with the agent.
    // The decisions' two indexes serve every query of the journal (EfDecisionJournal, EfResumePointSource, JournalPruner, EfAgentDirectory, EfLlmInteractionStore).
    [InlineData("SELECT * FROM decisions WHERE agent = 'a' AND symbol = 'SPY' ORDER BY time DESC, seq DESC LIMIT 10", "IX_decisions_agent_time")]
    [InlineData("SELECT * FROM decisions WHERE agent = 'a' ORDER BY time DESC, seq DESC LIMIT 10", "IX_decisions_agent_time")]
    [InlineData("SELECT count(*) FROM decisions WHERE agent = 'a' AND action = 'Buy' AND time >= '2024-03-15' AND time < '2024-03-16'", "IX_decisions_agent_time")]
    [InlineData("SELECT seq FROM decisions WHERE agent = 'a' AND time < '2024-03-15' ORDER BY seq LIMIT 500", "IX_decisions_agent_time")]
    [InlineData("SELECT agent, max(time), count(*) FROM decisions GROUP BY agent", "IX_decisions_agent_time")]
    [InlineData("SELECT symbol, max(bar_time) FROM decisions WHERE agent = 'a' GROUP BY symbol", "IX_decisions_agent_symbol_bar_time")]
    [InlineData(DecidedSince, "IX_decisions_agent_symbol_bar_time")]
    [InlineData("SELECT * FROM decisions WHERE id = 'X'", "sqlite_autoindex_decisions_1")]
    [InlineData("SELECT count(*) FROM orders WHERE agent = 'a' AND bar_time >= '2024-03-15' AND status <> 'Rejected'", "IX_orders_agent_bar_time")]
    [InlineData("SELECT * FROM orders WHERE agent = 'a' AND status IN ('New', 'Accepted')", "IX_orders_agent_status")]
    [InlineData("SELECT * FROM fills WHERE agent = 'a' ORDER BY time DESC, id DESC LIMIT 10", "IX_fills_agent_time")]
    [InlineData("SELECT bar_time FROM decisions WHERE agent = 'a' AND symbol = 'SPY' AND bar_time > '2024-03-15' ORDER BY bar_time", "IX_decisions_agent_symbol_bar_time")]
    [InlineData("SELECT * FROM llm_interactions WHERE agent = 'a' ORDER BY time DESC LIMIT 10", "IX_llm_interactions_agent_time")]
    [InlineData("SELECT * FROM llm_interactions WHERE agent = 'a' AND model = 'm' ORDER BY time DESC LIMIT 10", "IX_llm_interactions_agent_time")]
    [InlineData("SELECT * FROM llm_interactions WHERE decision_id = 'X'", "IX_llm_interactions_decision_id")]
    [InlineData("SELECT * FROM performance_snapshots WHERE agent = 'a' AND time >= '2024-03-15' ORDER BY time DESC, id DESC LIMIT 10", "IX_performance_snapshots_agent_time")]
    [InlineData("SELECT * FROM alerts WHERE agent = 'a' AND type = 'Trade' ORDER BY id DESC LIMIT 10", "IX_alerts_agent_type_id")]
    [InlineData("SELECT * FROM settings_history WHERE agent = 'a' ORDER BY id DESC LIMIT 10", "IX_settings_history_agent_id")]
    public async Task Queries_by_time_and_symbol_are_served_by_an_index(string sql, string index)
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        await using var connection = database.Connections.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains(index, StringComparison.Ordinal));
        // No step reads a whole table (a covering index scan is an index; "SCAN s" is the skip scan's own list of symbols).
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN ", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal)
            && step is not ("SCAN s" or "SCAN CONSTANT ROW"));
    }


    /// <summary><see cref="EfDecisionJournal.DecidedSinceSql"/> with values in place of its parameters.</summary>
    private const string DecidedSince = """
        WITH RECURSIVE symbols(symbol) AS (
            SELECT (SELECT symbol FROM decisions WHERE agent = 'a' ORDER BY symbol LIMIT 1)
            UNION ALL
            SELECT (SELECT d.symbol FROM decisions d WHERE d.agent = 'a' AND d.symbol > s.symbol ORDER BY d.symbol LIMIT 1)
            FROM symbols s WHERE s.symbol IS NOT NULL)
        SELECT d.seq AS "Seq", d.symbol AS "Symbol", d.bar_time AS "BarTime", d.indicators AS "Indicators", d.indicators_json AS "IndicatorsJson"
        FROM symbols s JOIN decisions d ON d.agent = 'a' AND d.symbol = s.symbol AND d.bar_time >= '2024-03-15'
        """;

    [Theory]
    [InlineData("ClientOrderId", "client_order_id")]
    [InlineData("IndicatorsJson", "indicators_json")]
    [InlineData("DayPnl", "day_pnl")]
    [InlineData("Id", "id")]
    public void Column_names_are_snake_case(string property, string column) =>
        Assert.Equal(column, TradingDbContext.ToSnakeCase(property));
}
