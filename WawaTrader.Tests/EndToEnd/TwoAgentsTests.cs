using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.EndToEnd;

/// <summary>
/// Two real app processes, agents <c>alpha</c> and <c>beta</c> with their own watchlists and strategies, trade against one PostgreSQL
/// database at once: each one's account, orders and decisions are its own, the API shows the other's on request, both are listed
/// as running, and a third process named like one of them is refused. Plus the refusal on SQLite.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TwoAgentsTests
{
    private static readonly string[] AlphaSymbols = ["AAPL", "MSFT"];
    private static readonly string[] BetaSymbols = ["NVDA", "SPY"];

    [Fact]
    public async Task Two_agents_on_one_postgres_database_trade_apart_and_a_third_copy_of_one_is_refused()
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        var folder = Directory.CreateTempSubdirectory("wawatrader-agents-").FullName;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var postgres = new[] { "--Database:Provider=Postgres", $"--ConnectionStrings:WawaTrader={connection}" };
            using var alpha = AppProcess.Start(Folder(folder, "alpha"), [.. postgres, .. Agent(folder, "alpha", AlphaSymbols, threshold: "1.5")]);
            using var beta = AppProcess.Start(Folder(folder, "beta"), [.. postgres, .. Agent(folder, "beta", BetaSymbols, threshold: "2.5")]);
            await alpha.WaitUntilTradingAsync(http);
            await beta.WaitUntilTradingAsync(http);
            await WaitForFillsAsync(http, alpha);
            await WaitForFillsAsync(http, beta);

            var alphaTrades = await GetAsync(http, alpha, "/api/trades?limit=1000");
            var betaTrades = await GetAsync(http, beta, "/api/trades?limit=1000");
            Assert.All(Symbols(alphaTrades), s => Assert.Contains(s, AlphaSymbols));
            Assert.All(Symbols(betaTrades), s => Assert.Contains(s, BetaSymbols));
            Assert.Empty(Ids(alphaTrades, "clientOrderId").Intersect(Ids(betaTrades, "clientOrderId")));

            var alphaPortfolio = await GetAsync(http, alpha, "/api/portfolio");
            Assert.Equal("alpha", alphaPortfolio.GetProperty("agent").GetString());
            Assert.All(alphaPortfolio.GetProperty("positions").EnumerateArray(), p => Assert.Contains(p.GetProperty("symbol").GetString(), AlphaSymbols));
            Assert.All((await GetAsync(http, beta, "/api/portfolio")).GetProperty("positions").EnumerateArray(),
                p => Assert.Contains(p.GetProperty("symbol").GetString(), BetaSymbols));

            Assert.All(Symbols(await GetAsync(http, alpha, "/api/decisions?limit=1000")), s => Assert.Contains(s, AlphaSymbols));
            var betaSeenFromAlpha = Symbols(await GetAsync(http, alpha, "/api/decisions?limit=1000&agent=beta"));
            Assert.NotEmpty(betaSeenFromAlpha);
            Assert.All(betaSeenFromAlpha, s => Assert.Contains(s, BetaSymbols));
            var all = Symbols(await GetAsync(http, alpha, "/api/decisions?limit=1000&agent=all")).ToHashSet();
            Assert.Contains(all, AlphaSymbols.Contains);
            Assert.Contains(all, BetaSymbols.Contains);

            var agents = (await GetAsync(http, beta, "/api/agents")).EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!);
            Assert.Equal(["alpha", "beta"], agents.Keys.Order());
            Assert.All(agents.Values, a => Assert.Equal("running", a.GetProperty("state").GetString()));
            Assert.Equal(alpha.Process.Id, agents["alpha"].GetProperty("processId").GetInt32());
            Assert.True(agents["beta"].GetProperty("current").GetBoolean());

            using var copy = AppProcess.Start(Folder(folder, "alpha-copy"), [.. postgres, .. Agent(folder, "alpha-copy", AlphaSymbols, threshold: "1.5", name: "alpha")]);
            Assert.Equal(1, await copy.WaitForExitAsync());
            Assert.Contains($"Agent 'alpha' is already running on {Environment.MachineName} (pid {alpha.Process.Id}, heartbeat ", copy.Errors, StringComparison.Ordinal);
            Assert.Contains("stop it or pick another Agent:Name.", copy.Errors, StringComparison.Ordinal);

            await alpha.StopGracefullyAsync();
            await beta.StopGracefullyAsync();
            Assert.Equal(0, alpha.Process.ExitCode);
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            var owners = await QueryAsync(db, "SELECT DISTINCT agent, symbol FROM orders", r => (Agent: r.GetString(0), Symbol: r.GetString(1)));
            Assert.All(owners, o => Assert.Contains(o.Symbol, o.Agent == "alpha" ? AlphaSymbols : BetaSymbols));
            Assert.Equal(["alpha", "beta"], (await QueryAsync(db, "SELECT agent FROM paper_ledger ORDER BY agent", r => r.GetString(0))).ToArray());
            Assert.Equal(2L, (await QueryAsync(db, "SELECT count(*) FROM agent_leases WHERE released_at IS NOT NULL", r => r.GetInt64(0))).Single());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* the OS cleans the temp folder */ }
        }
    }

    [Fact]
    public async Task A_second_process_of_a_running_agent_on_sqlite_is_refused_with_exit_code_1()
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-agents-").FullName;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var database = $"--Database:Path={Path.Combine(folder, "w.db")}";
            using var first = AppProcess.Start(folder, [database, "--Agent:Name=solo", "--Logging:LogLevel:Default=Warning", "--Llm:Enabled=false"]);
            await first.WaitUntilTradingAsync(http);

            using var second = AppProcess.Start(folder, [database, "--Agent:Name=solo", "--Logging:LogLevel:Default=Warning", "--Llm:Enabled=false"]);

            Assert.Equal(1, await second.WaitForExitAsync());
            Assert.Contains($"WawaTrader cannot start: Agent 'solo' is already running on {Environment.MachineName} (pid {first.Process.Id}, heartbeat ",
                second.Errors, StringComparison.Ordinal);
            Assert.False(first.Process.HasExited);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* the OS cleans the temp folder */ }
        }
    }

    private static string Folder(string root, string name) => Directory.CreateDirectory(Path.Combine(root, name)).FullName;

    /// <summary>The agent's settings: its name, its watchlist (the six entries of appsettings.json overwritten, repeats dropped),
    /// its strategy's threshold, its own local files, fast trading and a short lease.</summary>
    private static string[] Agent(string root, string folder, string[] symbols, string threshold, string? name = null) =>
    [
        $"--Agent:Name={name ?? folder}", "--Agent:HeartbeatInterval=00:00:01", "--Agent:LeaseTimeout=00:00:05",
        $"--Database:Path={Path.Combine(root, folder, "w.db")}",
        .. Enumerable.Range(0, 6).Select(i => $"--Trading:Watchlist:{i}={symbols[i % symbols.Length]}"),
        $"--Analyst:ActionThreshold={threshold}",
        "--Trading:StartOnLaunch=true", "--Trading:IntervalSeconds=0.05", "--Simulation:BarSeconds=0.05", "--Llm:Enabled=false",
        "--Risk:MaxTradesPerDay=10000", "--Risk:MinConfidence=0", "--Risk:MaxExposurePct=90", "--Risk:MaxPositionPct=30",
        "--Logging:LogLevel:Default=Warning",
    ];

    private static async Task WaitForFillsAsync(HttpClient http, AppProcess app)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((await GetAsync(http, app, "/api/trades?limit=10")).GetArrayLength() > 0) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Agent on port {app.Port} made no trade within 60 s: {app.Errors}");
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, AppProcess app, string path) =>
        await http.GetFromJsonAsync<JsonElement>(app.BaseUrl + path);

    private static IEnumerable<string> Symbols(JsonElement rows) => rows.EnumerateArray().Select(r => r.GetProperty("symbol").GetString()!);

    private static IEnumerable<string> Ids(JsonElement rows, string property) => rows.EnumerateArray().Select(r => r.GetProperty(property).GetString()!);

    private static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
