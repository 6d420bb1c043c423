using System.CommandLine;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Cli;

/// <summary>
/// Headless verbs on the same executable: <c>dotnet run --project WawaTrader.Web -- &lt;verb&gt; ...</c>.
/// Anything that is not a verb starts the web app.
/// </summary>
public static class CliApp
{
    private static readonly string[] Verbs = ["indicators", "backtest", "optimize", "bars", "db", "settings"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>Runs a verb; returns the process exit code (0 success, 1 bad input or a bad setting, 2 bad usage).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, null, output, error, cancellationToken);

    /// <summary>As <see cref="RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/>, with the configuration the verbs that
    /// reach external services read (<c>bars fetch</c>: the Alpaca section) instead of appsettings.json and environment variables.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration? configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("WawaTrader command-line verbs")
        {
            IndicatorsVerb.Create(output, error),
            BacktestVerb.Create(output, error),
            OptimizeVerb.Create(output, error),
            BarsVerb.Create(output, error, configuration),
            DbVerb.Create(output, error),
            SettingsVerb.Create(output),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var line in CliErrors.Describe(parsed)) await error.WriteLineAsync(line);
            return 2;
        }
        if (parsed.CommandResult.Command.Name is "backtest" or "optimize"
            && BacktestHost.ConfigurationProblems(BacktestHost.Configuration()) is { Count: > 0 } problems)
        {
            foreach (var problem in problems) await error.WriteLineAsync($"{parsed.CommandResult.Command.Name}: {problem}");
            return 1;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
