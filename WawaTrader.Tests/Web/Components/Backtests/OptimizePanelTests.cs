using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Backtesting;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Web.Components.DecisionPages;
using WawaTrader.Web.Backtesting;
using WawaTrader.Web.Components.Backtests;

namespace WawaTrader.Tests.Web.Components.Backtests;

public sealed class OptimizePanelTests
{
    private static OptimizationRun Run(double totalReturn, string fast, string slow, string size) =>
        new(new Dictionary<string, string> { ["fast"] = fast, ["slow"] = slow, ["size"] = size }, BacktestResults.Metrics(totalReturn, 0.05, 2));

    private static BunitContext Context(OptimizationEngine engine, out OptimizationRunner runner)
    {
        var r = new OptimizationRunner(engine, new FakeTimeProvider(new DateTimeOffset(2024, 3, 15, 14, 0, 0, TimeSpan.Zero)), NullLogger<OptimizationRunner>.Instance);
        runner = r;
        return PageContext.Create(services: s => s
            .AddSingleton(r)
            .AddSingleton<IOptionsMonitor<BacktestingOptions>>(new StaticOptions(new BacktestingOptions())));
    }

    [Fact]
    public async Task A_run_shows_progress_then_the_heatmap_walk_forward_and_ranked_table()
    {
        var gate = new TaskCompletionSource();
        OptimizationRequest? seen = null;
        OptimizationRun[] runs = [Run(0.30, "5", "30", "20"), Run(0.20, "10", "50", "10"), Run(0.10, "5", "30", "10"), Run(-0.10, "10", "30", "10")];
        var window = new WalkForwardWindow(new(2017, 1, 3), new(2017, 6, 23), new(2017, 6, 26), new(2017, 9, 19),
            runs[0].Parameters, BacktestResults.Metrics(0.30, 0.05, 2), BacktestResults.Metrics(-0.02, 0.04, 1));
        OptimizationEngine engine = async (request, progress, ct) =>
        {
            Volatile.Write(ref seen, request);
            progress?.Report(0.4);
            await gate.Task.WaitAsync(ct);
            return new OptimizationOutcome(runs, new WalkForwardResult([window], [], BacktestResults.Metrics(-0.02, 0.04, 0)));
        };
        await using var ctx = Context(engine, out var runner);
        await runner.StartAsync(CancellationToken.None);
        var cut = ctx.Render<OptimizePanel>();

        cut.Find("textarea[data-testid=bt-opt-paths]").Change(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        cut.Find("textarea[data-testid=bt-opt-grid]").Change("fast=5,10\nslow: 30, 50\nsize=10,20");
        cut.Find("input[data-testid=bt-opt-wf], [data-testid=bt-opt-wf] input").Change(true);
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-opt-run]").Click());

        cut.WaitForElement("[data-testid=bt-opt-progress]", PageContext.Wait);
        cut.WaitForAssertion(() => Assert.Equal("Running", cut.Find("[data-testid=bt-opt-status]").TextContent.Trim()), PageContext.Wait);
        cut.WaitForAssertion(() => Assert.NotNull(Volatile.Read(ref seen)), PageContext.Wait);
        Assert.Equal(["fast", "slow", "size"], seen!.Grid.Axes.Select(a => a.Key));
        Assert.Equal(new WalkForwardSpec(120, 60), seen.WalkForward);
        gate.SetResult();
        cut.WaitForAssertion(() => Assert.Equal("Completed", cut.Find("[data-testid=bt-opt-status]").TextContent.Trim()), PageContext.Wait);

        var heatmap = cut.FindComponent<MonthlyHeatmap>().Instance;
        Assert.Equal(["5", "10"], heatmap.Columns);
        Assert.Equal(["30", "50"], heatmap.Rows);
        // Sharpe (the default rank) is 1.37 in every run: the best over size is 1.37 where any run exists, empty at fast=5/slow=50.
        Assert.Equal([1.37, 1.37], heatmap.Values[0]);
        Assert.Equal([null, 1.37], heatmap.Values[1]);
        Assert.Equal("ranked", heatmap.ColorScale);
        Assert.NotNull(cut.Find("[data-testid=bt-opt-best-of]"));
        Assert.Equal(4, cut.FindAll("[data-testid=bt-opt-row]").Count);
        Assert.Single(cut.FindAll("[data-testid=bt-opt-wf-row]"));
        Assert.Equal("1.37", cut.Find("[data-testid=bt-opt-wf-in]").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=bt-opt-item]"));
        // When it was started, with the zone (no viewer zone cascaded here: UTC, said so).
        Assert.Equal("2024-03-15 14:00:00 UTC", cut.Find("[data-testid=bt-opt-created]").TextContent.Trim());
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_running_optimisation_can_be_canceled_from_the_panel()
    {
        OptimizationEngine engine = async (request, progress, ct) =>
        {
            progress?.Report(0.1);
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };
        await using var ctx = Context(engine, out var runner);
        await runner.StartAsync(CancellationToken.None);
        var cut = ctx.Render<OptimizePanel>();
        cut.Find("textarea[data-testid=bt-opt-paths]").Change(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-opt-run]").Click());
        cut.WaitForAssertion(() => Assert.Equal("Running", cut.Find("[data-testid=bt-opt-status]").TextContent.Trim()), PageContext.Wait);

        // Inside the renderer, so a progress re-render cannot replace the button between finding and clicking it.
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-opt-cancel]").Click());

        cut.WaitForAssertion(() => Assert.Equal("Canceled", cut.Find("[data-testid=bt-opt-status]").TextContent.Trim()), PageContext.Wait);
        Assert.Empty(cut.FindAll("[data-testid=bt-opt-progress]"));
        await runner.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("fast", "Grid: 'fast' is not key=a,b,c")]
    [InlineData("fast=5,10\nfast=20", "Grid: 'fast' is given twice")]
    [InlineData("fast=5,10\nslow=x", "grid.slow")]
    [InlineData("fast=40\nslow=30", "slow (30) must be longer than fast (40)")]
    public async Task A_bad_grid_is_shown_and_nothing_runs(string grid, string message)
    {
        await using var ctx = Context((_, _, _) => throw new InvalidOperationException("not used"), out var runner);
        var cut = ctx.Render<OptimizePanel>();

        cut.Find("textarea[data-testid=bt-opt-paths]").Change(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        cut.Find("textarea[data-testid=bt-opt-grid]").Change(grid);
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-opt-run]").Click());

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("[data-testid=bt-opt-error]").TextContent), PageContext.Wait);
        Assert.Empty(runner.List(10));
    }

    private sealed class StaticOptions(BacktestingOptions value) : IOptionsMonitor<BacktestingOptions>
    {
        public BacktestingOptions CurrentValue => value;
        public BacktestingOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<BacktestingOptions, string?> listener) => null;
    }
}
