using System.Globalization;
using System.Text.Json;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Web.Backtesting;

/// <summary>The walk-forward part of an <see cref="OptimizationOrder"/>: in-sample and out-of-sample lengths in bar times.</summary>
public sealed record WalkForwardOrder(int? TrainBars = null, int? TestBars = null);

/// <summary>
/// What a user asks to optimise, as the REST body of <c>POST /api/optimizations</c> and the page's form send it: a
/// <see cref="BacktestOrder"/> (files, inline series or cached symbols, strategy, base parameters, costs, cash, model mode, dates, risk-free
/// rate; the same JSON members), plus <see cref="Grid"/> (<c>key</c> → array of values, or one comma-separated text), the metric to rank by
/// (<see cref="Rank"/>, default <c>sharpe</c>) and an optional <see cref="WalkForward"/>.
/// </summary>
public sealed record OptimizationOrder : BacktestOrder
{
    /// <summary>The values to sweep: parameter key → array of values, or one comma-separated text.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Grid { get; init; }

    /// <summary>The metric to rank by (<see cref="Optimizer.Metrics"/>); <see cref="DefaultRank"/> when left out.</summary>
    public string? Rank { get; init; }

    /// <summary>Walk-forward lengths, or null for one in-sample sweep.</summary>
    public WalkForwardOrder? WalkForward { get; init; }

    /// <summary>The metric ranked by when none is given.</summary>
    public const string DefaultRank = "sharpe";

    /// <summary>Most parameter sets a sweep on the fast path may have.</summary>
    public const long MaxFastCombinations = 100_000;

    /// <summary>Most parameter sets a sweep through the full engine (no fast path) may have.</summary>
    public const long MaxFullCombinations = 1_000;

    /// <summary>
    /// Reads the inputs and builds the request; errors are keyed by the camelCase member as <see cref="BacktestOrder.BuildAsync(BacktestingOptions, IBarCache?, CancellationToken)"/>
    /// does, plus <c>grid</c>, <c>grid.KEY</c>, <c>rank</c>, <c>walkForward</c>, <c>walkForward.trainBars</c> and
    /// <c>walkForward.testBars</c>. On the fast path every parameter set is checked before anything runs.
    /// </summary>
    public Task<(OptimizationRequest? Request, IReadOnlyList<string> Sources, Dictionary<string, string[]> Errors)> BuildOptimizationAsync(
        BacktestingOptions defaults, CancellationToken cancellationToken) => BuildOptimizationAsync(defaults, null, cancellationToken);

    /// <summary>As <see cref="BuildOptimizationAsync(BacktestingOptions, CancellationToken)"/>, reading cached symbols from <paramref name="barCache"/>.</summary>
    public Task<(OptimizationRequest? Request, IReadOnlyList<string> Sources, Dictionary<string, string[]> Errors)> BuildOptimizationAsync(
        BacktestingOptions defaults, IBarCache? barCache, CancellationToken cancellationToken) => BuildOptimizationAsync(defaults, barCache, null, cancellationToken);

    /// <summary>As <see cref="BuildOptimizationAsync(BacktestingOptions, IBarCache?, CancellationToken)"/>; with
    /// <paramref name="engine"/>, a sweep without a fast path checks each of its parameter sets as a backtest's are checked
    /// (<see cref="BacktestOrder.CheckParameters"/>).</summary>
    public async Task<(OptimizationRequest? Request, IReadOnlyList<string> Sources, Dictionary<string, string[]> Errors)> BuildOptimizationAsync(
        BacktestingOptions defaults, IBarCache? barCache, Backtester? engine, CancellationToken cancellationToken)
    {
        var (backtest, sources, errors) = await BuildAsync(defaults, barCache, cancellationToken);
        var grid = ParseGrid(errors);
        var rank = string.IsNullOrWhiteSpace(Rank) ? DefaultRank : Rank.Trim();
        if (!Optimizer.Metrics.Contains(rank, StringComparer.OrdinalIgnoreCase))
            errors["rank"] = [$"rank must be one of {string.Join(", ", Optimizer.Metrics)} (was '{rank}')."];
        else rank = Optimizer.Metrics.First(m => m.Equals(rank, StringComparison.OrdinalIgnoreCase));
        WalkForwardSpec? walk = null;
        if (WalkForward is { } wf)
        {
            if (wf.TrainBars is not { } train || train < Core.Backtesting.WalkForward.MinBars)
                errors["walkForward.trainBars"] = [$"walkForward.trainBars must be a whole number of at least {Core.Backtesting.WalkForward.MinBars} bars."];
            if (wf.TestBars is not { } test || test < Core.Backtesting.WalkForward.MinBars)
                errors["walkForward.testBars"] = [$"walkForward.testBars must be a whole number of at least {Core.Backtesting.WalkForward.MinBars} bars."];
            if (wf is { TrainBars: { } t1, TestBars: { } t2 }) walk = new WalkForwardSpec(t1, t2);
        }
        if (backtest is null || grid is null || errors.Count > 0) return (null, sources, errors);

        var fast = FastBacktester.Supports(backtest.Strategy, backtest.Llm);
        var limit = fast ? MaxFastCombinations : MaxFullCombinations;
        if (grid.Count > limit)
            errors["grid"] = [string.Create(CultureInfo.InvariantCulture, $"The grid has {grid.Count:N0} parameter sets; at most {limit:N0} for strategy '{backtest.Strategy}'.")];
        else if (fast || engine is not null) CheckSets(grid, backtest, fast, engine, errors);
        if (walk is not null && errors.Count == 0) CheckWalkForward(walk, fast, backtest, errors);
        return errors.Count > 0 ? (null, sources, errors) : (new OptimizationRequest(backtest, grid, rank, walk), sources, errors);
    }

    /// <summary>
    /// Parses the page's grid field: one parameter per line (or separated by <c>;</c>), <c>key=a,b,c</c> or <c>key: a, b, c</c>.
    /// Returns false with a message naming the first bad line.
    /// </summary>
    public static bool TryParseGridText(string? text, out Dictionary<string, string> grid, out string? error)
    {
        grid = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        foreach (var raw in (text ?? "").Split(['\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cut = raw.IndexOfAny(['=', ':']);
            // Risk keys contain ':' (Risk:MaxPositionPct=5,10): prefer '=' when there is one.
            if (raw.Contains('=', StringComparison.Ordinal)) cut = raw.IndexOf('=', StringComparison.Ordinal);
            var key = cut > 0 ? raw[..cut].Trim() : "";
            var values = cut > 0 ? raw[(cut + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (key.Length == 0 || values.Length == 0)
            {
                error = $"'{raw}' is not key=a,b,c (e.g. fast=5,10,20).";
                return false;
            }
            if (grid.ContainsKey(key))
            {
                error = $"'{key}' is given twice.";
                return false;
            }
            grid[key] = string.Join(',', values);
        }
        if (grid.Count == 0) error = "Give at least one parameter to sweep, e.g. fast=5,10,20.";
        return error is null;
    }

    private ParameterGrid? ParseGrid(Dictionary<string, string[]> errors)
    {
        if (Grid is null || Grid.Count == 0)
        {
            errors["grid"] = ["Give at least one parameter to sweep, e.g. {\"fast\": [5, 10, 20], \"slow\": [30, 50, 100]}."];
            return null;
        }
        var specs = new List<string>();
        foreach (var (rawKey, element) in Grid)
        {
            var key = rawKey?.Trim() ?? "";
            var field = $"grid.{key}";
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal))
            {
                errors["grid"] = [$"Grid key '{rawKey}' is not a parameter name."];
                continue;
            }
            var values = Values(element);
            if (values is null)
                errors[field] = [$"{field} must be an array of texts or numbers, or one comma-separated text."];
            else if (values.Count == 0)
                errors[field] = [$"{field} has no values."];
            else if (values.Any(v => v.Length == 0 || v.Contains(',', StringComparison.Ordinal)))
                errors[field] = [$"{field} has an empty value or one containing a comma."];
            else specs.Add($"{key}={string.Join(',', values)}");
        }
        if (errors.Keys.Any(k => k.StartsWith("grid", StringComparison.Ordinal))) return null;
        try { return ParameterGrid.Parse(specs); }
        catch (FormatException ex)
        {
            errors["grid"] = [ex.Message];
            return null;
        }
    }

    private static List<string>? Values(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return [.. element.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            case JsonValueKind.Number:
                return [element.GetRawText()];
            case JsonValueKind.Array:
                var list = new List<string>();
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!.Trim());
                    else if (item.ValueKind == JsonValueKind.Number) list.Add(item.GetRawText());
                    else return null;
                }
                return list;
            default:
                return null;
        }
    }

    /// <summary>Every set must be one the run accepts: valid fast-path settings (whole periods, slow longer than fast, numeric risk
    /// values), or, through the full engine, what a backtest of it would accept. The first bad set is reported.</summary>
    private static void CheckSets(ParameterGrid grid, BacktestRequest backtest, bool fast, Backtester? engine, Dictionary<string, string[]> errors)
    {
        foreach (var set in grid.Combinations(backtest.Parameters))
        {
            if (CheckParameters(backtest, set, fast, engine) is not { } problem) continue;
            var axis = grid.Axes.FirstOrDefault(a => problem.Key.Equals($"params.{a.Key}", StringComparison.OrdinalIgnoreCase)).Key;
            var swept = string.Join(", ", grid.Axes.Select(a => $"{a.Key}={set[a.Key]}"));
            errors[axis is null ? (problem.Key == "params" ? "grid" : problem.Key) : $"grid.{axis}"] = [$"With {swept}: {problem.Message}"];
            return;
        }
    }

    private static void CheckWalkForward(WalkForwardSpec walk, bool fast, BacktestRequest backtest, Dictionary<string, string[]> errors)
    {
        if (!fast)
        {
            errors["walkForward"] = [$"Walk-forward needs a strategy with a fast path (sma-cross with the model off); '{backtest.Strategy}' has none."];
            return;
        }
        int steps;
        try { steps = new FastBacktestData(backtest.Series, backtest.From, backtest.To).StepCount; }
        catch (ArgumentException ex)
        {
            errors["series"] = [ex.Message];
            return;
        }
        if (Core.Backtesting.WalkForward.WindowCount(steps, walk.TrainBars, walk.TestBars) == 0)
            errors["walkForward"] = [string.Create(CultureInfo.InvariantCulture,
                $"{steps} bars are too few for one walk-forward window of {walk.TrainBars} in-sample + {walk.TestBars} out-of-sample bars.")];
    }
}
