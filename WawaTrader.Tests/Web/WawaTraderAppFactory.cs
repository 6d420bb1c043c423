using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace WawaTrader.Tests.Web;

/// <summary>
/// Boots the real app (every capability, real SQLite file in a temp folder, simulated market at test pace).
/// Each instance owns its folder and deletes it on dispose. Extra settings override the defaults.
/// </summary>
public sealed class WawaTraderAppFactory(IDictionary<string, string?>? settings = null, string? dataFolder = null) : WebApplicationFactory<Program>
{
    private readonly bool _ownsFolder = dataFolder is null;

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
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(values));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!_ownsFolder) return;
        try { Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { /* a file still open on a slow shutdown: the temp folder is cleaned by the OS */ }
    }
}
