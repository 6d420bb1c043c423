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
    [InlineData("SELECT * FROM decisions WHERE agent = 'a' AND symbol = 'SPY' ORDER BY time DESC, seq DESC LIMIT 10", "IX_decisions_agent_symbol_time")]
    [InlineData("SELECT * FROM decisions WHERE agent = 'a' ORDER BY time DESC, seq DESC LIMIT 10", "IX_decisions_agent_time")]
    [InlineData("SELECT * FROM decisions WHERE agent = 'a' AND bar_time >= '2024-03-15'", "IX_decisions_agent_bar_time")]
    [InlineData("SELECT count(*) FROM orders WHERE agent = 'a' AND bar_time >= '2024-03-15' AND status <> 'Rejected'", "IX_orders_agent_bar_time")]
    [InlineData("SELECT * FROM orders WHERE agent = 'a' AND status IN ('New', 'Accepted')", "IX_orders_agent_status")]
    [InlineData("SELECT * FROM fills WHERE agent = 'a' ORDER BY time DESC, id DESC LIMIT 10", "IX_fills_agent_time")]
    [InlineData("SELECT bar_time FROM decisions WHERE agent = 'a' AND symbol = 'SPY' AND bar_time > '2024-03-15' ORDER BY bar_time", "IX_decisions_agent_symbol_bar_time")]
    [InlineData("SELECT * FROM llm_interactions WHERE agent = 'a' ORDER BY time DESC LIMIT 10", "IX_llm_interactions_agent_time")]
    [InlineData("SELECT * FROM llm_interactions WHERE model = 'm' AND prompt_version = 'v1'", "IX_llm_interactions_model_prompt_version")]
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
    }

    [Theory]
    [InlineData("ClientOrderId", "client_order_id")]
    [InlineData("IndicatorsJson", "indicators_json")]
    [InlineData("DayPnl", "day_pnl")]
    [InlineData("Id", "id")]
    public void Column_names_are_snake_case(string property, string column) =>
        Assert.Equal(column, TradingDbContext.ToSnakeCase(property));
}
