using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;
using WawaTrader.Core.Persistence;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Cli;

/// <summary>
/// <c>backtest --csv FILE [--csv FILE ...] [--symbol SYMBOL ...] [--database FILE] [--strategy NAME] [--param key=value ...] [--commission X] [--slippage-bps N]
/// [--cash N] [--llm off|replay|live] [--json]</c>: runs the engine over price files (symbol from each file name up to the first
/// '-' or '.') and/or symbols from the database's bar cache (filled by <c>bars import</c>), and prints a readable summary, or with <c>--json</c> one JSON object (<see cref="BacktestJson"/>). Costs and
/// cash default to the Backtesting settings. Progress goes to stderr when a run takes more than a second. Exit codes: 0 done,
/// 1 bad input (a malformed or missing file, named with its line; a database that cannot be opened) or a failed run, 2 bad usage
/// (including a symbol that is not in the bar cache).
/// </summary>
public static class BacktestVerb
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var o = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "Print one JSON object: metrics, benchmark, equity, benchmarkEquity, trades, warnings" };
        var command = new Command("backtest", "Backtest a strategy over price files (Date,Open,High,Low,Close,Volume) or cached symbols");
        o.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            var (request, settings, code) = await o.BuildAsync(parse, "backtest", error, ct);
            if (request is null) return code;
            using var services = BacktestHost.CreateServices(BacktestHost.Configuration());
            var engine = services.GetRequiredService<BacktestEngine>();
            BacktestResult result;
            try
            {
                // The summary states the sizing and limits the run traded under (the settings' where no --param sets them).
                request = request with { Parameters = BacktestSizing.Record(request.Parameters, services.GetRequiredService<Backtester>().Defaults) };
                settings = BacktestSettings.Of(request, settings!.Sources);
                result = await engine(request, new StderrProgress("backtest", error), ct);
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync($"backtest: {CliErrors.Sentence(ex)}");
                return 2;
            }
            catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException)
            {
                await error.WriteLineAsync($"backtest: {CliErrors.Sentence(ex)}");
                return 1;
            }
            if (parse.GetValue(json))
                await output.WriteLineAsync(BacktestJson.ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            else
                await output.WriteAsync(BacktestSummary.Format(settings!, result));
            await output.FlushAsync(ct);
            return 0;
        });
        return command;
    }

    /// <summary>The options <c>backtest</c> and <c>optimize</c> share, and turning them into a request.</summary>
    internal sealed class CommonOptions
    {
        public Option<string[]> Csv { get; } = new("--csv") { Description = "Price file (repeat for several symbols); the symbol is the name up to the first '-' or '.'", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        public Option<string[]> Symbol { get; } = new("--symbol") { Description = "Symbol whose bars are in the database's bar cache (repeatable; see bars list, bars import)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        public Option<string> Database { get; } = BarsVerb.DatabaseOption();
        public Option<string> Strategy { get; } = new("--strategy") { Description = $"Strategy: {string.Join(", ", BacktestInputs.Strategies)} (default {BacktestOrder.DefaultStrategy})" };
        public Option<string[]> Param { get; } = new("--param") { Description = ParamHelp(), Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        public Option<decimal?> Commission { get; } = new("--commission") { Description = "Commission per share, account currency (default: Backtesting:CommissionPerShare)" };
        public Option<decimal?> CommissionPct { get; } = new("--commission-pct") { Description = "Commission as a percent of notional (default: Backtesting:CommissionPct)" };
        public Option<decimal?> MinCommission { get; } = new("--min-commission") { Description = "Least commission per fill (default: Backtesting:MinCommission)" };
        public Option<decimal?> SlippageBps { get; } = new("--slippage-bps") { Description = "Slippage against the trader in basis points (default: Backtesting:SlippageBps)" };
        public Option<decimal?> Cash { get; } = new("--cash") { Description = "Initial cash (default: Backtesting:InitialCash)" };
        public Option<string> Llm { get; } = new("--llm") { Description = "Model use: off (default), replay (recorded answers) or live" };
        public Option<bool> ForceLlm { get; } = new("--force-llm") { Description = "Allow --llm live over dates before the model's knowledge cutoff (marked in the results)" };
        public Option<DateTime?> From { get; } = new("--from") { Description = "First bar date (inclusive, yyyy-MM-dd)" };
        public Option<DateTime?> To { get; } = new("--to") { Description = "Last bar date (inclusive, yyyy-MM-dd)" };
        public Option<double?> RiskFreeRate { get; } = new("--risk-free-rate") { Description = "Yearly risk-free rate in percent (default: Backtesting:RiskFreeRate)" };
        public Option<bool> Example { get; } = new("--example") { Description = $"Use the simulated example history ({string.Join(", ", ExampleHistory.Symbols)}; invented from Simulation:Seed, not real prices), cached in the database on first use" };

        /// <summary>The --param help: strategy keys, then the sizing and risk keys every strategy takes with the settings' values as defaults.</summary>
        internal static string ParamHelp()
        {
            string now;
            try
            {
                var (risk, size) = BacktestHost.Limits(BacktestHost.Configuration());
                now = string.Create(CultureInfo.InvariantCulture, $"{BacktestParameters.PositionSizeKey} (or {BacktestParameters.PositionSizeAlias}; default {size}), "
                    + $"{BacktestParameters.MaxPositionKey} (default {risk.MaxPositionPct}), {BacktestParameters.MaxExposureKey} (default {risk.MaxExposurePct}), "
                    + $"Risk:MaxTradesPerDay ({risk.MaxTradesPerDay}), Risk:MaxDailyLossPct ({risk.MaxDailyLossPct}), Risk:MinConfidence ({risk.MinConfidence})");
            }
            catch (InvalidOperationException)
            {
                // A setting the binder cannot read: the verb itself reports it; the help names the keys without values.
                now = $"{BacktestParameters.PositionSizeKey} (or {BacktestParameters.PositionSizeAlias}), {BacktestParameters.MaxPositionKey}, {BacktestParameters.MaxExposureKey}, Risk:MaxTradesPerDay, Risk:MaxDailyLossPct, Risk:MinConfidence";
            }
            return "Parameter key=value (repeatable). Strategy keys: sma-cross fast, slow (bars); technical the Analyst settings (e.g. RsiOversold=25). "
                + $"Sizing and risk, percent of equity, any strategy: {now}; e.g. --param size=20 --param Risk:MaxPositionPct=25. Unknown keys are refused";
        }

        public CommonOptions() => Llm.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } llm && llm is not ("off" or "replay" or "live"))
                r.AddError($"--llm must be off, replay or live; '{llm}' is not.");
        });

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { Csv, Symbol, Database, Strategy, Param, Commission, CommissionPct, MinCommission, SlippageBps, Cash, Llm, ForceLlm, From, To, RiskFreeRate, Example })
                command.Options.Add(option);
        }

        /// <summary>The request, or null with the exit code (1 bad file, 2 bad usage) after writing why to <paramref name="error"/>.</summary>
        public async Task<(BacktestRequest? Request, BacktestSettings? Settings, int Code)> BuildAsync(
            ParseResult parse, string verb, TextWriter error, CancellationToken ct)
        {
            if (!BacktestInputs.TryParseParameters(parse.GetValue(Param) ?? [], out var parameters, out var paramError))
            {
                await error.WriteLineAsync($"{verb}: --param {paramError}");
                return (null, null, 2);
            }
            var example = parse.GetValue(Example);
            var symbols = (parse.GetValue(Symbol) ?? []).Concat(example ? ExampleHistory.Symbols : []).ToArray();
            if ((parse.GetValue(Csv) ?? []).Select(CliErrors.MissingFile).FirstOrDefault(m => m is not null) is { } missing)
            {
                await error.WriteLineAsync($"{verb}: {missing}");
                return (null, null, 1);
            }
            if (symbols.Length == 0 && (parse.GetValue(Csv) ?? []).Length == 0)
            {
                await error.WriteLineAsync($"{verb}: give at least one --csv FILE or --symbol SYMBOL (a symbol in the bar cache; see bars list), or --example.");
                return (null, null, 2);
            }
            var order = new BacktestOrder(
                Csv: parse.GetValue(Csv) ?? [],
                Symbols: symbols,
                Strategy: parse.GetValue(Strategy),
                Params: parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value), StringComparer.Ordinal),
                Commission: parse.GetValue(Commission), CommissionPct: parse.GetValue(CommissionPct), MinCommission: parse.GetValue(MinCommission),
                SlippageBps: parse.GetValue(SlippageBps), Cash: parse.GetValue(Cash), Llm: parse.GetValue(Llm), ForceLlm: parse.GetValue(ForceLlm),
                From: parse.GetValue(From), To: parse.GetValue(To), RiskFreeRate: parse.GetValue(RiskFreeRate));
            var configuration = BacktestHost.Configuration();
            (BacktestRequest? Request, IReadOnlyList<string> Sources, Dictionary<string, string[]> Errors) built;
            if (symbols.Length == 0)
            {
                built = await order.BuildAsync(BacktestHost.Defaults(configuration), ct);
            }
            else
            {
                // The bar cache is opened only when a cached symbol is asked for; a run over files never touches the database.
                try
                {
                    await using var database = await BacktestHost.OpenDatabaseAsync(configuration, parse.GetValue(Database), ct);
                    if (example)
                    {
                        var seed = configuration.GetSection(SimulationOptions.SectionName).Get<SimulationOptions>()?.Seed ?? new SimulationOptions().Seed;
                        await ExampleHistory.EnsureCachedAsync(database.GetRequiredService<IBarCache>(), seed, ct);
                    }
                    built = await order.BuildAsync(BacktestHost.Defaults(configuration), database.GetRequiredService<IBarCache>(), ct);
                }
                catch (DatabaseInitializationException ex)
                {
                    await error.WriteLineAsync($"{verb}: {CliErrors.Sentence(ex)}");
                    return (null, null, 1);
                }
            }
            var (request, sources, errors) = built;
            if (request is not null) return (request, BacktestSettings.Of(request, sources), 0);
            foreach (var (key, messages) in errors)
                foreach (var message in messages) await error.WriteLineAsync($"{verb}: {OptionMessage(key, message)}");
            var badFile = errors.Keys.Any(k => k.StartsWith("csv[", StringComparison.Ordinal) || k.StartsWith("series", StringComparison.Ordinal));
            return (null, null, badFile ? 1 : 2);
        }

        /// <summary>A request error as the command line says it: "--cash must be more than 0." for the body member's "cash must be more than 0.".</summary>
        private static string OptionMessage(string key, string message)
        {
            if (key.StartsWith("csv", StringComparison.Ordinal) || key.StartsWith("series", StringComparison.Ordinal) || key.StartsWith("symbols", StringComparison.Ordinal))
                return message;
            if (key.StartsWith("params.", StringComparison.Ordinal)) return message;
            return message.StartsWith(key + " ", StringComparison.Ordinal) ? $"--{Kebab(key)}{message[key.Length..]}" : $"--{Kebab(key)}: {message}";
        }

        private static string Kebab(string camel) =>
            string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }

    /// <summary>Writes "verb: 40%" lines to stderr at each 10% once the run has taken more than a second.</summary>
    internal sealed class StderrProgress(string verb, TextWriter error) : IProgress<double>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private int _lastTenth;

        public void Report(double value)
        {
            if (!double.IsFinite(value) || _watch.Elapsed < TimeSpan.FromSeconds(1)) return;
            var tenth = (int)Math.Floor(Math.Clamp(value, 0, 1) * 10);
            if (tenth <= _lastTenth) return;
            _lastTenth = tenth;
            lock (error) error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verb}: {tenth * 10}%"));
        }
    }
}
