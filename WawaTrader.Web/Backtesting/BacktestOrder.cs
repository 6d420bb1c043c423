using System.Text.Json;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Web.Backtesting;

/// <summary>Inline CSV of one symbol (<c>Date,Open,High,Low,Close,Volume</c>); <see cref="Name"/> names it in errors (an upload's file name).</summary>
public sealed record BacktestCsvText(string? Symbol, string? Csv, string? Name = null);

/// <summary>
/// What a user asks to backtest, as the REST body of <c>POST /api/backtests</c> and the page's form send it: server file paths
/// (<see cref="Csv"/>, symbol from each file name), inline CSV per symbol (<see cref="Series"/>) and/or symbols whose bars are in
/// the database's bar cache (<see cref="Symbols"/>), in any mix; strategy and parameters
/// (<c>key</c> → text or number); costs (<see cref="Commission"/> per share, <see cref="CommissionPct"/> percent of notional,
/// <see cref="MinCommission"/> per fill, <see cref="SlippageBps"/> basis points), <see cref="Cash"/>, <see cref="Llm"/>
/// (off|replay|live), date limits (inclusive) and the yearly risk-free rate in percent. Costs, cash and the rate left out
/// come from the Backtesting settings. <see cref="OptimizationOrder"/> extends it with what to sweep.
/// </summary>
public record BacktestOrder(
    IReadOnlyList<string>? Csv = null,
    IReadOnlyList<BacktestCsvText>? Series = null,
    string? Strategy = null,
    IReadOnlyDictionary<string, JsonElement>? Params = null,
    decimal? Commission = null,
    decimal? CommissionPct = null,
    decimal? MinCommission = null,
    decimal? SlippageBps = null,
    decimal? Cash = null,
    string? Llm = null,
    bool ForceLlm = false,
    DateTime? From = null,
    DateTime? To = null,
    double? RiskFreeRate = null,
    IReadOnlyList<string>? Symbols = null)
{
    /// <summary>The default strategy: the live technical analyst.</summary>
    public const string DefaultStrategy = "technical";

    /// <summary>As <see cref="BuildAsync(BacktestingOptions, IBarCache?, CancellationToken)"/> without a bar cache (cached symbols are refused).</summary>
    public Task<(BacktestRequest? Request, IReadOnlyList<string> Sources, Dictionary<string, string[]> Errors)> BuildAsync(
        BacktestingOptions defaults, CancellationToken cancellationToken) => BuildAsync(defaults, null, cancellationToken);

    /// <summary>
    /// Reads the files, texts and cached symbols (from <paramref name="barCache"/>) and builds the request. Errors are keyed by the
    /// camelCase member (<c>csv[1]</c>, <c>series[0]</c>, <c>symbols[0]</c>, <c>cash</c>, ...) with a message naming the file and line
    /// for a malformed one, or the symbol missing from the cache; the request is null then.
    /// </summary>
    public async Task<(BacktestRequest? Request, IReadOnlyList<string> Sources, Dictionary<string, string[]> Errors)> BuildAsync(
        BacktestingOptions defaults, IBarCache? barCache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var errors = new Dictionary<string, string[]>();
        var series = new List<BacktestSeries>();
        var sources = new List<string>();
        var paths = Csv ?? [];
        for (var i = 0; i < paths.Count; i++)
        {
            var key = $"csv[{i}]";
            var path = paths[i]?.Trim() ?? "";
            try
            {
                if (path.Length == 0) throw new ArgumentException("the file path is empty.");
                var bars = await CsvBarReader.ReadFileAsync(path, cancellationToken);
                BacktestInputs.Add(series, new BacktestSeries(BacktestInputs.SymbolOf(path), bars), path);
                sources.Add(path);
            }
            catch (Exception ex) when (ex is CsvFormatException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                errors[key] = [ex is FileNotFoundException or DirectoryNotFoundException ? $"{path}: no such file on the server." : ex.Message];
            }
        }
        var texts = Series ?? [];
        for (var i = 0; i < texts.Count; i++)
        {
            var key = $"series[{i}]";
            var text = texts[i];
            var name = string.IsNullOrWhiteSpace(text?.Name) ? key : text.Name.Trim();
            try
            {
                var symbol = string.IsNullOrWhiteSpace(text?.Symbol) ? (text?.Name is { Length: > 0 } n ? BacktestInputs.SymbolOf(n) : "") : text.Symbol;
                if (symbol.Trim().Length == 0) throw new ArgumentException($"{name}: give the symbol of the series.");
                if (string.IsNullOrWhiteSpace(text?.Csv)) throw new ArgumentException($"{name}: the CSV text is empty.");
                BacktestInputs.Add(series, BacktestInputs.ParseText(symbol, text.Csv, name), name);
                sources.Add(name);
            }
            catch (Exception ex) when (ex is CsvFormatException or ArgumentException)
            {
                errors[key] = [ex.Message];
            }
        }
        var symbols = Symbols ?? [];
        for (var i = 0; i < symbols.Count; i++)
        {
            try
            {
                var cached = await BacktestInputs.ReadCachedAsync(barCache, symbols[i], cancellationToken);
                BacktestInputs.Add(series, cached, BacktestInputs.CacheSource(cached.Symbol));
                sources.Add(BacktestInputs.CacheSource(cached.Symbol));
            }
            catch (ArgumentException ex)
            {
                errors[$"symbols[{i}]"] = [ex.Message];
            }
        }
        if (paths.Count == 0 && texts.Count == 0 && symbols.Count == 0)
            errors["csv"] = ["Give at least one price file (csv), inline series or cached symbol (symbols)."];
        foreach (var s in series.Where(s => s.Bars.Length == 0)) errors[$"series:{s.Symbol}"] = [$"{s.Symbol} has no bars."];

        var strategy = string.IsNullOrWhiteSpace(Strategy) ? DefaultStrategy : Strategy.Trim();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Params ?? new Dictionary<string, JsonElement>())
        {
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(text)) errors[$"params.{name}"] = [$"Parameter '{name}' needs a name and a text or number value."];
            else parameters[name.Trim()] = text.Trim();
        }
        NonNegative(Commission, "commission", errors);
        NonNegative(CommissionPct, "commissionPct", errors);
        NonNegative(MinCommission, "minCommission", errors);
        NonNegative(SlippageBps, "slippageBps", errors);
        if (Cash is <= 0) errors["cash"] = ["cash must be more than 0."];
        if (RiskFreeRate is < 0 or > 100) errors["riskFreeRate"] = ["riskFreeRate is a yearly percent between 0 and 100."];
        if (From > To) errors["to"] = ["to must not be before from."];
        LlmBacktestMode llm = LlmBacktestMode.Off;
        if (!string.IsNullOrWhiteSpace(Llm) && !TryParseLlm(Llm, out llm)) errors["llm"] = ["llm must be off, replay or live."];
        if (errors.Count > 0) return (null, sources, errors);

        var costs = new BacktestCosts(
            Commission ?? defaults.CommissionPerShare,
            CommissionPct ?? defaults.CommissionPct,
            MinCommission ?? defaults.MinCommission,
            SlippageBps ?? (decimal)defaults.SlippageBps);
        var request = new BacktestRequest(series, strategy, parameters, costs, Cash ?? defaults.InitialCash, llm, ForceLlm,
            Utc(From), Utc(To), RiskFreeRate ?? defaults.RiskFreeRate);
        return (request, sources, errors);
    }

    /// <summary>
    /// As <see cref="BuildAsync(BacktestingOptions, IBarCache?, CancellationToken)"/>, then checks the request as
    /// <paramref name="engine"/> (when given) would before its first step (<see cref="CheckParameters"/>), so a bad strategy or parameter is
    /// refused before the run is queued instead of failing after. With an engine the request's parameters then carry the position
    /// size, max position and max exposure in force (<see cref="BacktestSizing.Record"/>), the engine's defaults where not given.
    /// </summary>
    public async Task<(BacktestRequest? Request, IReadOnlyList<string> Sources, Dictionary<string, string[]> Errors)> BuildCheckedAsync(
        BacktestingOptions defaults, IBarCache? barCache, Backtester? engine, CancellationToken cancellationToken)
    {
        var (request, sources, errors) = await BuildAsync(defaults, barCache, cancellationToken);
        if (request is null) return (request, sources, errors);
        if (CheckParameters(request, request.Parameters, fast: false, engine) is { } problem)
        {
            errors[problem.Key] = [problem.Message];
            return (null, sources, errors);
        }
        // The sizing and limits in force now are written into the run, so it states (and repeats) them after the settings change.
        return (engine is null ? request : request with { Parameters = BacktestSizing.Record(request.Parameters, engine.Defaults) }, sources, errors);
    }

    /// <summary>
    /// The first problem of one set of parameters for <paramref name="request"/>'s strategy, or null: read as the fast path reads
    /// them when <paramref name="fast"/> (an optimisation's sweep of sma-cross), else as <paramref name="engine"/>'s
    /// <see cref="Backtester.Check"/> does (unknown strategy, unknown or bad strategy, <c>Risk:*</c> or <c>Trading:*</c> parameter,
    /// out-of-range costs). Keyed <c>params.KEY</c> for a parameter, <c>strategy</c> for the strategy, else <c>params</c>.
    /// Shared by backtests (their one set) and optimisations (each set of the grid).
    /// </summary>
    public static (string Key, string Message)? CheckParameters(BacktestRequest request, IReadOnlyDictionary<string, string> set, bool fast, Backtester? engine)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(set);
        try
        {
            if (fast) FastBacktestSettings.From(set);
            else if (engine is not null)
            {
                try { engine.Strategies.Get(request.Strategy); }
                catch (ArgumentException ex) { return ("strategy", Plain(ex)); }
                engine.Check(request with { Parameters = set });
            }
            return null;
        }
        catch (ArgumentException ex)
        {
            var name = set.Keys.FirstOrDefault(k => string.Equals(k.Trim(), ex.ParamName, StringComparison.OrdinalIgnoreCase));
            return (name is null ? (ex.ParamName is { } p && fast ? $"params.{p}" : "params") : $"params.{name.Trim()}", Plain(ex));
        }
    }

    /// <summary>An exception's message without .NET's " (Parameter 'x')" suffix.</summary>
    private static string Plain(ArgumentException ex) => ex.Message.Split(" (Parameter", 2)[0];

    /// <summary><c>off</c>, <c>replay</c> or <c>live</c>, any case.</summary>
    public static bool TryParseLlm(string text, out LlmBacktestMode mode) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _);

    private static void NonNegative(decimal? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is < 0) errors[name] = [$"{name} must not be negative."];
    }

    private static DateTime? Utc(DateTime? time) => time is { } t ? (t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
