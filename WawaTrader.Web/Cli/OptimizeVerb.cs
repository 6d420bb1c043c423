using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WawaTrader.Core.Backtesting;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Cli;

/// <summary>
/// <c>optimize --csv FILE ... [--symbol SYMBOL ...] --grid key=a,b,c [--grid ...] [--rank metric] [--top N] [backtest options] [--json]</c>: runs every
/// combination of the grid (in parallel on all cores) and prints them ranked by the metric (default <c>sharpe</c>), as a table or
/// as one JSON object <c>{ rank, runs: [{ parameters, metrics }] }</c>. With <c>--walk-forward --train-bars N --test-bars M</c>
/// (fast-path strategies only) it optimises on N bars, tests the best set on the next M, rolls by M, and prints each window
/// (dates, best parameters, the rank metric in and out of sample) and the chained out-of-sample metrics, or as JSON
/// <c>{ rank, trainBars, testBars, windows, outOfSample, outOfSampleEquity }</c> (<see cref="OptimizationJson.WalkForward"/>).
/// Exit codes as <see cref="BacktestVerb"/>.
/// </summary>
public static class OptimizeVerb
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var o = new BacktestVerb.CommonOptions();
        var grid = new Option<string[]>("--grid") { Description = "Parameter values to sweep, key=a,b,c (repeatable)", Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var rank = new Option<string>("--rank") { Description = $"Metric to rank by: {string.Join(", ", Optimizer.Metrics)} (default sharpe)", DefaultValueFactory = _ => "sharpe" };
        var top = new Option<int>("--top") { Description = "Rows printed in the table (default 20; JSON has every run)", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: rank, runs (parameters, metrics); with --walk-forward: rank, trainBars, testBars, windows, outOfSample, outOfSampleEquity" };
        var walkForward = new Option<bool>("--walk-forward") { Description = "Walk forward: optimise on --train-bars bars, test the best set on the next --test-bars, roll (sma-cross only)" };
        var trainBars = new Option<int?>("--train-bars") { Description = $"In-sample bars per walk-forward window (at least {WalkForward.MinBars})" };
        var testBars = new Option<int?>("--test-bars") { Description = $"Out-of-sample bars per walk-forward window, also the step it rolls by (at least {WalkForward.MinBars})" };
        var command = new Command("optimize", "Grid-search strategy and risk parameters over price files or cached symbols");
        o.AddTo(command);
        command.Options.Add(grid);
        command.Options.Add(rank);
        command.Options.Add(top);
        command.Options.Add(json);
        command.Options.Add(walkForward);
        command.Options.Add(trainBars);
        command.Options.Add(testBars);
        command.SetAction(async (parse, ct) =>
        {
            var metric = parse.GetValue(rank)!;
            if (!Optimizer.Metrics.Contains(metric, StringComparer.OrdinalIgnoreCase))
            {
                await error.WriteLineAsync($"optimize: --rank must be one of {string.Join(", ", Optimizer.Metrics)}.");
                return 2;
            }
            ParameterGrid parameterGrid;
            try { parameterGrid = ParameterGrid.Parse(parse.GetValue(grid) ?? []); }
            catch (FormatException ex)
            {
                await error.WriteLineAsync($"optimize: --grid: {CliErrors.Sentence(ex)}");
                return 2;
            }
            var (spec, specError) = WalkForwardOf(parse.GetValue(walkForward), parse.GetValue(trainBars), parse.GetValue(testBars));
            if (specError is not null)
            {
                await error.WriteLineAsync($"optimize: {specError}");
                return 2;
            }
            var (request, settings, code) = await o.BuildAsync(parse, "optimize", error, ct);
            if (request is null) return code;
            metric = Optimizer.Metrics.First(m => m.Equals(metric, StringComparison.OrdinalIgnoreCase));
            if (spec is not null) return await WalkForwardAsync(request, settings!, parameterGrid, metric, spec, parse.GetValue(json), output, error, ct);
            var configuration = BacktestHost.Configuration();
            using var services = BacktestHost.CreateServices(configuration);
            var engine = services.GetRequiredService<BacktestEngine>();
            var (risk, sizePct) = BacktestHost.Limits(configuration);
            IReadOnlyList<OptimizationRun> runs;
            try
            {
                runs = await Optimizer.OptimizeAsync(request, parameterGrid, metric, (r, token) => engine(r, null, token), risk, sizePct,
                    progress: new BacktestVerb.StderrProgress("optimize", error), cancellationToken: ct);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                await error.WriteLineAsync($"optimize: {CliErrors.Sentence(ex)}");
                return 2;
            }
            catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException)
            {
                await error.WriteLineAsync($"optimize: {CliErrors.Sentence(ex)}");
                return 1;
            }
            if (parse.GetValue(json))
            {
                var root = new JsonObject
                {
                    ["rank"] = metric,
                    ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)new JsonObject
                    {
                        ["parameters"] = new JsonObject(r.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
                        ["metrics"] = BacktestJson.Metrics(r.Metrics),
                    })]),
                };
                await output.WriteLineAsync(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                await output.WriteAsync(Table(runs, parameterGrid, metric, parse.GetValue(top)));
            }
            await output.FlushAsync(ct);
            return 0;
        });
        return command;
    }

    /// <summary>The walk-forward lengths when <c>--walk-forward</c> is given, or the usage error.</summary>
    private static (WalkForwardSpec? Spec, string? Error) WalkForwardOf(bool walk, int? train, int? test)
    {
        if (!walk)
            return train is null && test is null ? (null, null) : (null, "--train-bars and --test-bars only apply with --walk-forward.");
        if (train is null || test is null) return (null, "--walk-forward needs --train-bars N and --test-bars M (bars per in-sample and out-of-sample period).");
        if (train < WalkForward.MinBars) return (null, $"--train-bars must be at least {WalkForward.MinBars} (was {train}).");
        if (test < WalkForward.MinBars) return (null, $"--test-bars must be at least {WalkForward.MinBars} (was {test}).");
        return (new WalkForwardSpec(train.Value, test.Value), null);
    }

    private static async Task<int> WalkForwardAsync(BacktestRequest request, BacktestSettings settings, ParameterGrid grid, string metric,
        WalkForwardSpec spec, bool json, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!FastBacktester.Supports(request.Strategy, request.Llm))
        {
            await error.WriteLineAsync($"optimize: --walk-forward needs a strategy with a fast path (--strategy sma-cross, --llm off); '{request.Strategy}' has none.");
            return 2;
        }
        var (risk, sizePct) = BacktestHost.Limits(BacktestHost.Configuration());
        WalkForwardResult result;
        try
        {
            var steps = new FastBacktestData(request.Series, request.From, request.To).StepCount;
            if (WalkForward.WindowCount(steps, spec.TrainBars, spec.TestBars) == 0)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"optimize: {steps} bars are too few for one walk-forward window of --train-bars {spec.TrainBars} + --test-bars {spec.TestBars}."));
                return 2;
            }
            var progress = new BacktestVerb.StderrProgress("optimize", error);
            result = await Task.Run(() => WalkForward.Run(request, grid, metric, spec.TrainBars, spec.TestBars, risk, sizePct, null, progress, ct), ct);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"optimize: {CliErrors.Sentence(ex)}");
            return 2;
        }
        if (json)
        {
            var root = new JsonObject { ["rank"] = metric };
            foreach (var (key, node) in OptimizationJson.WalkForward(result, spec).ToList()) root[key] = node?.DeepClone();
            await output.WriteLineAsync(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            await output.WriteAsync(WalkForwardSummary.Format(result, spec, grid, metric, settings));
        }
        await output.FlushAsync(ct);
        return 0;
    }

    /// <summary>The ranked table: rank, the grid's keys, then total return, CAGR, Sharpe, max drawdown, trades and the rank metric.</summary>
    public static string Table(IReadOnlyList<OptimizationRun> runs, ParameterGrid grid, string metric, int top)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(grid);
        var keys = grid.Axes.Select(a => a.Key).ToList();
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{runs.Count} parameter sets ranked by {metric}");
        var header = new List<string> { "#" };
        header.AddRange(keys);
        header.AddRange(["totalReturn", "cagr", "sharpe", "maxDrawdown", "trades", metric]);
        text.AppendLine(string.Join("  ", header.Select(h => h.PadLeft(12))));
        foreach (var (run, i) in runs.Take(Math.Max(1, top)).Select((r, i) => (r, i)))
        {
            var cells = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(keys.Select(k => run.Parameters.TryGetValue(k, out var v) ? v : ""));
            cells.AddRange([BacktestSummary.Pct(run.Metrics.TotalReturn), BacktestSummary.Pct(run.Metrics.Cagr), BacktestSummary.Ratio(run.Metrics.Sharpe),
                BacktestSummary.Pct(run.Metrics.MaxDrawdown), run.Metrics.TradeCount.ToString(CultureInfo.InvariantCulture),
                Optimizer.Value(run.Metrics, metric) is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "—"]);
            text.AppendLine(string.Join("  ", cells.Select(c => c.PadLeft(12))));
        }
        return text.ToString();
    }
}
