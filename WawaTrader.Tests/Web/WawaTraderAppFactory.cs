using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web;

/// <summary>
/// Boots the real app (every capability, real SQLite file in a temp folder — or, with <see cref="TestProvider.Postgres"/>, a fresh
/// database on the test server that the app's start-up migration creates — simulated market at test pace).
/// Each instance owns its folder (and database) and deletes it on dispose, unless given them (<paramref name="dataFolder"/>,
/// <paramref name="connectionString"/>: see <see cref="AppStorage"/>). Extra settings override the defaults.
/// </summary>
public sealed class WawaTraderAppFactory(IDictionary<string, string?>? settings = null, string? dataFolder = null,
    TestProvider provider = TestProvider.Sqlite, string? connectionString = null) : WebApplicationFactory<Program>
{
    private readonly bool _ownsFolder = dataFolder is null;
    private readonly bool _ownsDatabase = connectionString is null;

    /// <summary>The PostgreSQL database's connection string (null on SQLite); the database exists once the app has started.</summary>
    public string? ConnectionString { get; } = provider == TestProvider.Postgres
        ? connectionString ?? TestPostgres.NewDatabaseConnectionString()
        : null;

    public string DataFolder { get; } = dataFolder ?? Directory.CreateTempSubdirectory("wawatrader-test-").FullName;

    public string DatabasePath => Path.Combine(DataFolder, "wawatrader.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Path"] = DatabasePath,
            ["Trading:IntervalSeconds"] = "0.2",
            ["Simulation:BarSeconds"] = "0.1",
            ["Logging:LogLevel:Default"] = "Warning",
            // No model server in tests unless a test starts the fake one and points Llm:Endpoint at it.
            ["Llm:Enabled"] = "false",
        };
        if (ConnectionString is not null)
        {
            values["Database:Provider"] = "Postgres";
            values["ConnectionStrings:WawaTrader"] = ConnectionString;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(values));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (ConnectionString is not null && _ownsDatabase) await TestPostgres.DropDatabaseAsync(ConnectionString);
        if (!_ownsFolder) return;
        try { Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { /* a file still open on a slow shutdown: the temp folder is cleaned by the OS */ }
    }
}
