using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Web.Backtesting;

/// <summary>Turns what a user typed (file paths, uploaded CSV text, <c>key=value</c> parameters) into backtest inputs.</summary>
public static class BacktestInputs
{
    /// <summary>The built-in strategies offered by the CLI help and the page (the engine decides what it accepts).</summary>
    public static readonly IReadOnlyList<string> Strategies = ["technical", "sma-cross"];

    /// <summary>The symbol of a price file: its name up to the first '-' or '.', upper-cased (<c>SPY-2017-2018-daily.csv</c> → <c>SPY</c>).</summary>
    public static string SymbolOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path.Trim());
        var end = name.IndexOfAny(['-', '.']);
        var symbol = (end < 0 ? name : name[..end]).Trim().ToUpperInvariant();
        if (symbol.Length == 0) throw new ArgumentException($"No symbol can be read from the file name '{name}' (expected e.g. SPY-2017-2018-daily.csv).", nameof(path));
        return symbol;
    }

    /// <summary>
    /// Parses <c>key=value</c> items (keys case-sensitive, trimmed; a later key replaces an earlier one). Returns false with a
    /// message naming the first item that is not <c>key=value</c>.
    /// </summary>
    public static bool TryParseParameters(IEnumerable<string> items, out Dictionary<string, string> parameters, out string? error)
    {
        ArgumentNullException.ThrowIfNull(items);
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? "" : item[..eq].Trim();
            var value = eq < 0 ? "" : item[(eq + 1)..].Trim();
            if (key.Length == 0 || value.Length == 0)
            {
                error = $"'{item}' is not key=value.";
                return false;
            }
            parameters[key] = value;
        }
        return true;
    }

    /// <summary>Splits a line of <c>key=value</c> items separated by commas, semicolons or white space (the page's parameter field).</summary>
    public static IEnumerable<string> SplitItems(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Reads one series per file, in order; the symbol from the file name.</summary>
    /// <exception cref="CsvFormatException">A malformed line (names file and line).</exception>
    /// <exception cref="IOException">A file that cannot be read.</exception>
    /// <exception cref="ArgumentException">Two files of the same symbol, or no symbol in a name.</exception>
    public static async Task<List<BacktestSeries>> ReadFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var series = new List<BacktestSeries>();
        foreach (var path in paths)
        {
            var symbol = SymbolOf(path);
            var bars = await CsvBarReader.ReadFileAsync(path, cancellationToken);
            Add(series, new BacktestSeries(symbol, bars), path);
        }
        return series;
    }

    /// <summary>How a cached symbol is named among a run's sources: <c>cache:SPY</c>.</summary>
    public static string CacheSource(string symbol) => $"cache:{symbol}";

    /// <summary>
    /// Every bar of <paramref name="symbol"/> (trimmed, upper-cased) in the bar cache, oldest first (date limits are the engine's,
    /// as for files). Throws <see cref="ArgumentException"/> with a message naming the symbol when it is empty or not cached (and
    /// suggesting <c>bars import</c>), or when there is no cache.
    /// </summary>
    public static async Task<BacktestSeries> ReadCachedAsync(IBarCache? cache, string? symbol, CancellationToken cancellationToken)
    {
        var key = symbol?.Trim().ToUpperInvariant() ?? "";
        if (key.Length == 0) throw new ArgumentException("A cached symbol is empty.");
        if (cache is null) throw new ArgumentException($"{key}: there is no bar cache here; give price files instead.");
        var bars = await cache.GetBarsAsync(key, DateTime.MinValue, DateTime.MaxValue, cancellationToken);
        if (bars.Length == 0)
            throw new ArgumentException($"{key} is not in the bar cache; add its bars first with: bars import --csv FILE (e.g. {key}-daily.csv).");
        return new BacktestSeries(key, bars);
    }

    /// <summary>Parses CSV text of one symbol; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="CsvFormatException">A malformed line.</exception>
    public static BacktestSeries ParseText(string symbol, string csv, string sourceName)
    {
        using var reader = new StringReader(csv);
        return new BacktestSeries(symbol.Trim().ToUpperInvariant(), CsvBarReader.Parse(reader, sourceName));
    }

    /// <summary>Adds a series, refusing a second one of the same symbol.</summary>
    public static void Add(List<BacktestSeries> series, BacktestSeries next, string source)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(next);
        if (series.Any(s => string.Equals(s.Symbol, next.Symbol, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"{source}: a second series of {next.Symbol}; give each symbol once.");
        series.Add(next);
    }
}
