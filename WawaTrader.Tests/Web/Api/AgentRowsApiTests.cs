using System.Net.Http.Json;
using System.Text.Json;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

/// <summary>
/// Two agents' rows in one database (this app's agent <c>default</c> on AAPL, <c>beta</c> on SPY, written through each agent's own
/// stores): <c>?agent=all</c> names whose each decision, order, trade and alert is, and another agent's rows say so too.
/// </summary>
public abstract class AgentRowsApiTests(TestProvider provider)
{
    public sealed class OnSqlite() : AgentRowsApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : AgentRowsApiTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Rows_of_all_agents_carry_the_name_of_their_agent()
    {
        await using var database = await TempDatabase.CreateMigratedAsync(provider);
        var beta = database.AsAgent("beta");
        await Record(database, "AAPL", 10m);
        await Record(beta, "SPY", 7m);
        await using var app = new WawaTraderAppFactory(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" },
            database.Folder, provider, database.ConnectionString);
        using var client = app.CreateClient();

        var decisions = await client.GetFromJsonAsync<JsonElement>("/api/decisions?agent=all&limit=1000");
        var trades = await client.GetFromJsonAsync<JsonElement>("/api/trades?agent=all&limit=1000");
        var alerts = await client.GetFromJsonAsync<JsonElement>("/api/alerts?agent=all");

        Assert.Equal(["default", "beta"], AgentsOf(decisions, "AAPL", "SPY"));
        Assert.Equal(["default", "beta"], AgentsOf(trades, "AAPL", "SPY"));
        Assert.All(decisions.EnumerateArray().Where(d => d.GetProperty("order").ValueKind == JsonValueKind.Object),
            d => Assert.Equal(d.GetProperty("agent").GetString(), d.GetProperty("order").GetProperty("agent").GetString()));
        Assert.Equal(["beta", "default"], alerts.EnumerateArray().Select(a => a.GetProperty("agent").GetString()).Order());
        var theirs = await client.GetFromJsonAsync<JsonElement>("/api/decisions?agent=beta");
        Assert.All(theirs.EnumerateArray(), d => Assert.Equal("beta", d.GetProperty("agent").GetString()));
        var id = theirs[0].GetProperty("id").GetGuid();
        Assert.Equal("beta", (await client.GetFromJsonAsync<JsonElement>($"/api/decisions/{id}")).GetProperty("agent").GetString());
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/alerts");
        Assert.Equal("default", Assert.Single(mine.EnumerateArray()).GetProperty("agent").GetString());
    }

    // One filled decision and one alert of the agent whose stores these are.
    private static async Task Record(TempDatabase agent, string symbol, decimal quantity)
    {
        var fill = new Fill(JournalData.MarketOpen.AddMinutes(1), quantity, 100m, 0m);
        var decision = JournalData.Decision(symbol, withOrder: true, status: OrderStatus.Filled, fills: [fill]);
        await agent.Journal.RecordDecisionAsync(decision, None);
        await agent.Get<EfAlertStore>().AddAsync(new AlertDelivery(0, JournalData.MarketOpen, AlertType.Trade, AlertSeverity.Info,
            AlertChannelKind.Email, $"[WawaTrader] Trade: BUY {quantity} {symbol}", AlertStatus.Sent, 1, null, JournalData.MarketOpen, decision.Id, 1), None);
    }

    /// <summary>The agent named on the rows of each symbol (each symbol's rows all of one agent).</summary>
    private static string[] AgentsOf(JsonElement rows, params string[] symbols) => [.. symbols.Select(symbol =>
        Assert.Single(rows.EnumerateArray().Where(r => r.GetProperty("symbol").GetString() == symbol)
            .Select(r => r.GetProperty("agent").GetString()!).Distinct()))];
}
