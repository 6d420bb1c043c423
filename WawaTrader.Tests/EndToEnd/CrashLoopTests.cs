using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace WawaTrader.Tests.EndToEnd;

/// <summary>
/// The app as a separate process, trading fast on the embedded defaults, killed with SIGKILL at random moments (so kills land
/// during order submission and database writes) and started again on the same database, 20 times over. Afterwards: every
/// decision the API ever showed is still there, no order was placed twice, and the paper account's cash and positions equal
/// what its recorded fills add up to. SQLite only for now: a PostgreSQL variant (the same loop, connection string in the environment)
/// passed once and failed once on a heavily loaded machine, and takes minutes; it needs its failure read before it joins CI.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CrashLoopTests
{
    private const int Kills = 20;
    private const decimal InitialCash = 100_000m;

    [Fact]
    public async Task Twenty_kills_lose_no_acknowledged_decision_double_no_order_and_keep_the_account_equal_to_its_fills()
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-crash-").FullName;
        var database = Path.Combine(folder, "w.db");
        var random = new Random(20261206);
        var acknowledged = new HashSet<Guid>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            for (var run = 0; run <= Kills; run++)
            {
                using var app = Start(folder, database);
                var baseUrl = app.BaseUrl;
                await app.WaitUntilTradingAsync(http);
                if (run == Kills)
                {
                    await Task.Delay(TimeSpan.FromSeconds(2)); // one more stretch of trading, reconciled at start
                    await app.StopGracefullyAsync();
                    break;
                }
                await Task.Delay(random.Next(100, 1500));
                foreach (var id in await DecisionIdsAsync(http, baseUrl)) acknowledged.Add(id);
                await Task.Delay(random.Next(0, 400)); // the kill lands anywhere in the cycle: decisions, orders, fills, ledger
                app.Process.Kill(entireProcessTree: true);
                await app.Process.WaitForExitAsync();
            }

            SqliteConnection.ClearAllPools();
            await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            var stored = (await QueryAsync(connection, "SELECT id FROM decisions", r => Guid.Parse(r.GetString(0)))).ToHashSet();
            Assert.True(acknowledged.Count > 50, $"only {acknowledged.Count} decisions were seen: the loop did not trade");
            Assert.Empty(acknowledged.Except(stored));

            var ledger = JsonDocument.Parse(await ScalarAsync(connection, "SELECT json FROM paper_ledger")).RootElement;
            var ledgerOrders = ledger.GetProperty("Orders").EnumerateArray().Select(o => o.GetProperty("ClientOrderId").GetString()!).ToList();
            Assert.Equal(ledgerOrders.Count, ledgerOrders.Distinct().Count()); // the broker never holds one order twice
            var journalOrders = (await QueryAsync(connection, "SELECT client_order_id FROM orders", r => r.GetString(0))).ToHashSet();
            Assert.True(journalOrders.Count > 5, $"only {journalOrders.Count} orders: the loop did not trade");
            Assert.Empty(ledgerOrders.Except(journalOrders)); // no order reached the broker without its decision written first

            var fills = await QueryAsync(connection,
                "SELECT o.symbol, o.side, f.quantity, f.price, f.commission FROM fills f JOIN orders o ON o.client_order_id = f.client_order_id",
                r => (Symbol: r.GetString(0), Buy: r.GetString(1) == "Buy", Quantity: Dec(r.GetString(2)), Price: Dec(r.GetString(3)), Commission: Dec(r.GetString(4))));
            Assert.NotEmpty(fills);
            var cash = InitialCash + fills.Sum(f => (f.Buy ? -1 : 1) * f.Quantity * f.Price - f.Commission);
            Assert.Equal(cash, ledger.GetProperty("Cash").GetDecimal());
            var held = fills.GroupBy(f => f.Symbol).ToDictionary(g => g.Key, g => g.Sum(f => f.Buy ? f.Quantity : -f.Quantity));
            var positions = ledger.GetProperty("Positions").EnumerateArray().ToDictionary(p => p.GetProperty("Symbol").GetString()!, p => p.GetProperty("Quantity").GetDecimal());
            foreach (var (symbol, quantity) in held.Where(h => h.Value != 0)) Assert.Equal(quantity, positions.GetValueOrDefault(symbol));
            Assert.All(positions, p => Assert.Equal(held.GetValueOrDefault(p.Key), p.Value));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* the OS cleans the temp folder */ }
        }
    }

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static AppProcess Start(string folder, string database) => AppProcess.Start(folder,
    [
        $"--Database:Path={database}", "--Trading:StartOnLaunch=true",
        "--Trading:IntervalSeconds=0.05", "--Simulation:BarSeconds=0.05", "--Llm:Enabled=false",
        "--Risk:MaxTradesPerDay=10000", "--Risk:MinConfidence=0", "--Risk:MaxExposurePct=90", "--Risk:MaxPositionPct=30",
        "--Logging:LogLevel:Default=Warning",
    ]);

    private static async Task<IEnumerable<Guid>> DecisionIdsAsync(HttpClient http, string baseUrl)
    {
        var decisions = await http.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/decisions?limit=1000");
        return decisions.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToList();
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
