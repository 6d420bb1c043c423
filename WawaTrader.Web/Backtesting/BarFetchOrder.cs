using System.Globalization;
using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Web.Backtesting;

/// <summary>A checked request to fill the bar cache from Alpaca: symbols (upper-case, distinct), New York dates (inclusive), timeframe
/// in Alpaca's spelling.</summary>
public sealed record BarFetchRequest(IReadOnlyList<string> Symbols, DateOnly From, DateOnly To, string Timeframe);

/// <summary>
/// What a user asks to fetch from Alpaca, as the body of <c>POST /api/bars/fetch</c>, the <c>bars fetch</c> verb and the backtests
/// page send it: <see cref="Symbols"/>, <see cref="From"/> and <see cref="To"/> as <c>yyyy-MM-dd</c> (New York dates, inclusive;
/// <see cref="To"/> defaults to today), <see cref="Timeframe"/> (default <c>1Day</c>; <see cref="AlpacaTimeframes.All"/>).
/// </summary>
public sealed record BarFetchOrder(IReadOnlyList<string>? Symbols = null, string? From = null, string? To = null, string? Timeframe = null)
{
    /// <summary>Most symbols one request may name.</summary>
    public const int MaxSymbols = 50;

    /// <summary>The checked request, or errors keyed by the camelCase member (<c>symbols[1]</c>, <c>from</c>, <c>to</c>, <c>timeframe</c>).</summary>
    public (BarFetchRequest? Request, Dictionary<string, string[]> Errors) Build(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var errors = new Dictionary<string, string[]>();
        var symbols = new List<string>();
        var given = Symbols ?? [];
        if (given.Count == 0) errors["symbols"] = ["Name at least one symbol."];
        else if (given.Count > MaxSymbols) errors["symbols"] = [$"Name at most {MaxSymbols} symbols per request."];
        for (var i = 0; i < given.Count && given.Count <= MaxSymbols; i++)
        {
            var symbol = TickerSymbol.Normalize(given[i]);
            if (!TickerSymbol.IsValid(symbol)) errors[$"symbols[{i}]"] = [$"'{given[i]}' is not a ticker symbol ({TickerSymbol.Rule})."];
            else if (!symbols.Contains(symbol)) symbols.Add(symbol);
        }
        var from = ParseDate(From, "from", required: true, errors);
        var to = ParseDate(To, "to", required: false, errors) ?? MarketClock.NewYorkDate(time.GetUtcNow().UtcDateTime);
        if (from > to) errors["to"] = [$"to ({to:yyyy-MM-dd}) must not be before from ({from:yyyy-MM-dd})."];
        var timeframe = string.IsNullOrWhiteSpace(Timeframe) ? AlpacaTimeframes.Day : AlpacaTimeframes.Normalize(Timeframe);
        if (timeframe is null) errors["timeframe"] = [$"'{Timeframe}' is not one of {string.Join(", ", AlpacaTimeframes.All)}."];
        return errors.Count > 0 ? (null, errors) : (new BarFetchRequest(symbols, from!.Value, to, timeframe!), errors);
    }

    private static DateOnly? ParseDate(string? text, string key, bool required, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors[key] = [$"{key} is required (yyyy-MM-dd)."];
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors[key] = [$"{key} '{text}' is not a date (yyyy-MM-dd)."];
        return null;
    }
}
