using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Core.Persistence;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Cli;

/// <summary>
/// <c>bars import --csv FILE [--csv FILE ...] [--database FILE]</c>: reads price files (symbol from each file name up to the first
/// '-' or '.') into the database's bar cache and prints, per symbol, how many bars were added, replaced (other values at a cached
/// time) and already present; importing the same file again adds nothing. Every file is read and checked before anything is
/// written. <c>bars list [--database FILE]</c>: the cached symbols with their first and last bar and bar count. The database is
/// the app's (<c>Database:Path</c>) unless <c>--database</c> names another. <c>bars fetch --symbol S [--symbol S ...] --from DATE
/// [--to DATE] [--timeframe 1Day] [--database FILE]</c>: fetches the symbols' history from Alpaca (keys from <c>Alpaca__KeyId</c> and
/// <c>Alpaca__SecretKey</c>; feed and adjustment from the Alpaca section) into the bar cache and prints the same per-symbol table as
/// import; every symbol is fetched before anything is written. Exit codes: 0 done, 1 bad input (a malformed or missing file named
/// with its line, a bad bar, a database that cannot be opened, Alpaca keys missing or refused, a symbol Alpaca rejects, Alpaca
/// unreachable), 2 bad usage.
/// </summary>
public static class BarsVerb
{
    /// <summary>The <c>--database</c> option every verb that touches the bar cache takes.</summary>
    public static Option<string> DatabaseOption() =>
        new("--database") { Description = "SQLite file of the bar cache (default: Database:Path, data/wawatrader.db under the current folder; refused with Database:Provider=Postgres)" };

    /// <param name="configuration">Where <c>bars fetch</c> reads the Alpaca section; null: appsettings.json and environment variables.</param>
    public static Command Create(TextWriter output, TextWriter error, IConfiguration? configuration = null)
    {
        var command = new Command("bars", "The database's bar cache: import price files, fetch history from Alpaca, list cached symbols");
        command.Subcommands.Add(Import(output, error));
        command.Subcommands.Add(Fetch(output, error, configuration));
        command.Subcommands.Add(List(output, error));
        return command;
    }

    private static Command Fetch(TextWriter output, TextWriter error, IConfiguration? configuration)
    {
        var symbol = new Option<string[]>("--symbol") { Description = "Ticker to fetch (repeatable)", Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var from = new Option<string>("--from") { Description = "First New York date, yyyy-MM-dd", Required = true };
        var to = new Option<string>("--to") { Description = "Last New York date, yyyy-MM-dd (default: today)" };
        var timeframe = new Option<string>("--timeframe") { Description = $"Bar timeframe: {string.Join(", ", AlpacaTimeframes.All)} (default 1Day)" };
        var database = DatabaseOption();
        var command = new Command("fetch", "Fetch bars from Alpaca's history into the bar cache (idempotent; keys from Alpaca__KeyId and Alpaca__SecretKey)")
            { symbol, from, to, timeframe, database };
        command.SetAction(async (parse, ct) =>
        {
            var order = new BarFetchOrder(parse.GetValue(symbol), parse.GetValue(from), parse.GetValue(to), parse.GetValue(timeframe));
            var (request, errors) = order.Build(TimeProvider.System);
            if (request is null)
            {
                foreach (var message in errors.Values.SelectMany(m => m)) await error.WriteLineAsync($"bars fetch: {message}");
                return 2;
            }
            await using var alpaca = new ServiceCollection()
                .AddLogging()
                .AddSingleton(TimeProvider.System)
                .AddAlpacaMarketData(configuration ?? BacktestHost.Configuration())
                .BuildServiceProvider();
            AlpacaBarImporter importer;
            try
            {
                importer = alpaca.GetRequiredService<AlpacaBarImporter>();
                if (!importer.HasKeys) throw AlpacaException.KeysMissing();
            }
            catch (Exception ex) when (ex is OptionsValidationException or AlpacaException)
            {
                await error.WriteLineAsync($"bars fetch: {(StartupErrors.Describe(alpaca, ex) is { Count: > 0 } problems ? string.Join(" ", problems) : CliErrors.Sentence(ex))}");
                return 1;
            }
            return await WithCacheAsync("bars fetch", parse.GetValue(database), error, ct, async cache =>
            {
                IReadOnlyList<AlpacaImportResult> results;
                try
                {
                    results = await importer.ImportAsync(request.Symbols, request.Timeframe, request.From, request.To, cache, ct);
                }
                catch (Exception ex) when (ex is AlpacaException or ArgumentException)
                {
                    await error.WriteLineAsync($"bars fetch: {CliErrors.Sentence(ex)}");
                    return 1;
                }
                await PrintTotalsAsync(output, results.Select(r => (r.Symbol, r.Result, r.First, r.Last)));
                return 0;
            });
        });
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
                    await error.WriteLineAsync($"bars import: {CliErrors.Sentence(ex)}");
                    return 2;
                }
                catch (Exception ex) when (ex is CsvFormatException or IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"bars import: {CliErrors.MissingFile(path) ?? CliErrors.Sentence(ex)}");
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
                        await error.WriteLineAsync($"bars import: {path}: {CliErrors.Sentence(ex)}");
                        return 1;
                    }
                    var first = bars.Length > 0 ? bars[0].Time : DateTime.MaxValue;
                    var last = bars.Length > 0 ? bars[^1].Time : DateTime.MinValue;
                    totals[symbol] = totals.TryGetValue(symbol, out var t)
                        ? (new BarUpsertResult(t.Result.Added + result.Added, t.Result.Updated + result.Updated, t.Result.Unchanged + result.Unchanged),
                            first < t.First ? first : t.First, last > t.Last ? last : t.Last)
                        : (result, first, last);
                }
                await PrintTotalsAsync(output, totals.Select(t => (t.Key, t.Value.Result,
                    t.Value.Result.Total == 0 ? (DateTime?)null : t.Value.First, t.Value.Result.Total == 0 ? (DateTime?)null : t.Value.Last)));
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
            await error.WriteLineAsync($"{verb}: {CliErrors.Sentence(ex)}");
            return 1;
        }
    }

    /// <summary>The per-symbol table of import and fetch: added, replaced, already present, and the range of the bars given.</summary>
    private static async Task PrintTotalsAsync(TextWriter output, IEnumerable<(string Symbol, BarUpsertResult Result, DateTime? First, DateTime? Last)> rows)
    {
        await output.WriteLineAsync($"{"Symbol",-8} {"Added",8} {"Replaced",9} {"Already present",16}  Bars from");
        foreach (var (symbol, r, first, last) in rows)
        {
            var range = first is { } f && last is { } l ? $"{Time(f, Daily(f, l))} to {Time(l, Daily(f, l))}" : "(no bars)";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{symbol,-8} {r.Added,8} {r.Updated,9} {r.Unchanged,16}  {range}"));
        }
    }

    /// <summary>Bars at midnight (daily files) are shown as dates, others with their time.</summary>
    private static bool Daily(DateTime first, DateTime last) => first.TimeOfDay == TimeSpan.Zero && last.TimeOfDay == TimeSpan.Zero;

    private static string Time(DateTime time, bool daily) =>
        time.ToString(daily ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
