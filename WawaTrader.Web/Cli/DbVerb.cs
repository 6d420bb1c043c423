using System.CommandLine;
using WawaTrader.Core.Persistence;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Cli;

/// <summary>
/// <c>db copy --from sqlite:FILE --to postgres:CONNECTION</c>: moves a whole journal (decisions, orders, fills, interactions, snapshots,
/// the paper ledger, settings and their history, backtests, the bar cache) into an empty database, migrating both first, then prints
/// each table's row count on both sides; exit 1 when one differs. Either side may be <c>sqlite:FILE</c> or <c>postgres:CONNECTION</c>;
/// <c>postgres:</c> alone takes <c>WAWATRADER_DB_CONNECTION</c>. Messages name servers without their passwords.
/// </summary>
public static class DbVerb
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var from = new Option<string>("--from") { Description = "Source: sqlite:FILE or postgres:CONNECTION", Required = true };
        var to = new Option<string>("--to") { Description = "Target (an empty database): postgres:CONNECTION or sqlite:FILE", Required = true };
        var copy = new Command("copy", "Copy the whole journal into an empty database, then compare the row counts") { from, to };
        copy.SetAction(async (parse, ct) =>
        {
            if (Side(parse.GetValue(from)!, null) is not { } source || Side(parse.GetValue(to)!, source.SqlitePath) is not { } target)
            {
                await error.WriteLineAsync("db copy: --from and --to are sqlite:FILE or postgres:CONNECTION.");
                return 2;
            }
            if (source.SqlitePath is { } file && !File.Exists(file))
            {
                await error.WriteLineAsync($"db copy: the source file '{file}' does not exist.");
                return 1;
            }
            return await CopyAsync(source, target, output, error, ct);
        });
        return new Command("db", "Journal database maintenance") { copy };
    }

    private static async Task<int> CopyAsync(Endpoint source, Endpoint target, TextWriter output, TextWriter error, CancellationToken ct)
    {
        try
        {
            await using var sourceServices = await BacktestHost.OpenDatabaseAsync(source.Configuration, null, ct);
            await using var targetServices = await BacktestHost.OpenDatabaseAsync(target.Configuration, null, ct);
            var sourceDatabase = sourceServices.GetRequiredService<JournalDatabase>();
            var targetDatabase = targetServices.GetRequiredService<JournalDatabase>();
            await output.WriteLineAsync($"Copying {sourceDatabase.Provider} {sourceDatabase.Location} to {targetDatabase.Provider} {targetDatabase.Location}");
            var counts = await DatabaseCopy.CopyAsync(sourceServices, targetServices, ct);
            foreach (var count in counts)
            {
                await output.WriteLineAsync($"{count.Table,-22} {count.Source,10} -> {count.Target,10}  {(count.Matches ? "ok" : "MISMATCH")}");
            }
            if (counts.All(c => c.Matches)) return 0;
            await error.WriteLineAsync("db copy: the row counts differ (MISMATCH above); the target is not a complete copy.");
            return 1;
        }
        catch (Exception ex) when (ex is DatabaseInitializationException or DatabaseCopyException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await error.WriteLineAsync($"db copy: {ex.Message}");
            return 1;
        }
    }

    /// <summary>One side of the copy: the settings <see cref="BacktestHost.OpenDatabaseAsync"/> opens it with.</summary>
    private sealed record Endpoint(IConfiguration Configuration, string? SqlitePath);

    /// <summary><c>sqlite:FILE</c> or <c>postgres:CONNECTION</c>; null for anything else. A PostgreSQL side keeps its local files in
    /// the folder of <paramref name="dataFile"/> (the SQLite source's, where the Data Protection keys of its secrets are) or in data/.</summary>
    private static Endpoint? Side(string value, string? dataFile)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        var (kind, rest) = (value[..colon], value[(colon + 1)..]);
        var settings = new Dictionary<string, string?>();
        string? sqlitePath = null;
        switch (kind.ToLowerInvariant())
        {
            case "sqlite" when rest.Length > 0:
                sqlitePath = Path.GetFullPath(rest);
                settings[$"{DatabaseOptions.SectionName}:Provider"] = DatabaseOptions.Sqlite;
                settings[$"{DatabaseOptions.SectionName}:Path"] = sqlitePath;
                break;
            case "postgres" or "postgresql":
                settings[$"{DatabaseOptions.SectionName}:Provider"] = DatabaseOptions.Postgres;
                if (rest.Length > 0) settings[$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = rest;
                if (dataFile is not null) settings[$"{DatabaseOptions.SectionName}:Path"] = dataFile;
                break;
            default:
                return null;
        }
        return new Endpoint(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), sqlitePath);
    }
}
