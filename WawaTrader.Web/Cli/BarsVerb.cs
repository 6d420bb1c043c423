using System.CommandLine;
using System.Globalization;
using WawaTrader.Core.Market;
using WawaTrader.Core.Persistence;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Cli;

/// <summary>
/// <c>bars import --csv FILE [--csv FILE ...] [--database FILE]</c>: reads price files (symbol from each file name up to the first
/// '-' or '.') into the database's bar cache and prints, per symbol, how many bars were added, replaced (other values at a cached
/// time) and already present; importing the same file again adds nothing. Every file is read and checked before anything is
/// written. <c>bars list [--database FILE]</c>: the cached symbols with their first and last bar and bar count. The database is
/// the app's (<c>Database:Path</c>) unless <c>--database</c> names another. Exit codes: 0 done, 1 bad input (a malformed or
/// missing file named with its line, a bad bar, a database that cannot be opened), 2 bad usage.
/// </summary>
public static class BarsVerb
{
    /// <summary>The <c>--database</c> option every verb that touches the bar cache takes.</summary>
    public static Option<string> DatabaseOption() =>
        new("--database") { Description = "SQLite file of the bar cache (default: Database:Path, data/wawatrader.db under the current folder)" };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("bars", "The database's bar cache: import price files, list cached symbols");
        command.Subcommands.Add(Import(output, error));
        command.Subcommands.Add(List(output, error));
        return command;
    }

    private static Command Import(TextWriter output, TextWriter error)
    {
        var csv = new Option<string[]>("--csv") { Description = "Price file (Date,Open,High,Low,Close,Volume; repeatable); the symbol is the name up to the first '-' or '.'", Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var database = DatabaseOption();
        var command = new Command("import", "Add the bars of price files to the bar cache (idempotent)") { csv, database };
        command.SetAction(async (parse, ct) =>
        {
            var files = new List<(string Path, string Symbol, Bar[] Bars)>();
            foreach (var path in parse.GetValue(csv) ?? [])
            {
                try
                {
                    var symbol = BacktestInputs.SymbolOf(path);
                    files.Add((path, symbol, await CsvBarReader.ReadFileAsync(path, ct)));
                }
                catch (ArgumentException ex)
                {
                    await error.WriteLineAsync($"bars import: {ex.Message}");
                    return 2;
                }
                catch (Exception ex) when (ex is CsvFormatException or IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"bars import: {(ex is FileNotFoundException or DirectoryNotFoundException ? $"{path}: no such file." : ex.Message)}");
                    return 1;
                }
            }
            return await WithCacheAsync("bars import", parse.GetValue(database), error, ct, async cache =>
            {
                var totals = new SortedDictionary<string, (BarUpsertResult Result, DateTime First, DateTime Last)>(StringComparer.Ordinal);
                foreach (var (path, symbol, bars) in files)
                {
                    BarUpsertResult result;
                    try
                    {
                        result = await cache.UpsertAsync(symbol, bars, ct);
                    }
                    catch (ArgumentException ex)
                    {
                        await error.WriteLineAsync($"bars import: {path}: {ex.Message}");
                        return 1;
                    }
                    var first = bars.Length > 0 ? bars[0].Time : DateTime.MaxValue;
                    var last = bars.Length > 0 ? bars[^1].Time : DateTime.MinValue;
                    totals[symbol] = totals.TryGetValue(symbol, out var t)
                        ? (new BarUpsertResult(t.Result.Added + result.Added, t.Result.Updated + result.Updated, t.Result.Unchanged + result.Unchanged),
                            first < t.First ? first : t.First, last > t.Last ? last : t.Last)
                        : (result, first, last);
                }
                await output.WriteLineAsync($"{"Symbol",-8} {"Added",8} {"Replaced",9} {"Already present",16}  Bars from");
                foreach (var (symbol, (r, first, last)) in totals)
                {
                    var daily = Daily(first, last);
                    var range = r.Total == 0 ? "(no bars)" : $"{Time(first, daily)} to {Time(last, daily)}";
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{symbol,-8} {r.Added,8} {r.Updated,9} {r.Unchanged,16}  {range}"));
                }
                return 0;
            });
        });
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var database = DatabaseOption();
        var command = new Command("list", "List the cached symbols with their first and last bar and bar count") { database };
        command.SetAction(async (parse, ct) => await WithCacheAsync("bars list", parse.GetValue(database), error, ct, async cache =>
        {
            var symbols = await cache.ListAsync(ct);
            if (symbols.Count == 0)
            {
                await output.WriteLineAsync("The bar cache is empty; add bars with: bars import --csv FILE");
                return 0;
            }
            var width = symbols.All(s => Daily(s.First, s.Last)) ? 10 : 16;
            await output.WriteLineAsync($"{"Symbol",-8} {"First".PadRight(width)} {"Last".PadRight(width)} {"Bars",9}");
            foreach (var s in symbols)
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{s.Symbol,-8} {Time(s.First, Daily(s.First, s.Last)).PadRight(width)} {Time(s.Last, Daily(s.First, s.Last)).PadRight(width)} {s.Count,9}"));
            return 0;
        }));
        return command;
    }

    /// <summary>Opens the database (migrating it), runs <paramref name="work"/> on its bar cache; a database that cannot be opened is exit code 1.</summary>
    private static async Task<int> WithCacheAsync(string verb, string? databasePath, TextWriter error, CancellationToken ct, Func<IBarCache, Task<int>> work)
    {
        try
        {
            await using var services = await BacktestHost.OpenDatabaseAsync(BacktestHost.Configuration(), databasePath, ct);
            return await work(services.GetRequiredService<IBarCache>());
        }
        catch (DatabaseInitializationException ex)
        {
            await error.WriteLineAsync($"{verb}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Bars at midnight (daily files) are shown as dates, others with their time.</summary>
    private static bool Daily(DateTime first, DateTime last) => first.TimeOfDay == TimeSpan.Zero && last.TimeOfDay == TimeSpan.Zero;

    private static string Time(DateTime time, bool daily) =>
        time.ToString(daily ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
