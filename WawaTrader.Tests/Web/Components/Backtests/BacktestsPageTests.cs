using System.Collections.Concurrent;
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
using BacktestsPage = WawaTrader.Web.Components.Pages.Backtests;

namespace WawaTrader.Tests.Web.Components.Backtests;

public sealed class BacktestsPageTests
{
    private readonly MemoryStore _store = new();

    private BunitContext Context(BacktestEngine engine, out BacktestRunner runner)
    {
        var r = new BacktestRunner(engine, _store, new FakeTimeProvider(new DateTimeOffset(2024, 3, 15, 14, 0, 0, TimeSpan.Zero)), NullLogger<BacktestRunner>.Instance);
        runner = r;
        var optimizations = new OptimizationRunner((_, _, _) => throw new InvalidOperationException("not used"), TimeProvider.System, NullLogger<OptimizationRunner>.Instance);
        return PageContext.Create(services: s => s
            .AddSingleton(r)
            .AddSingleton(optimizations)
            .AddSingleton<IOptionsMonitor<BacktestingOptions>>(new StaticOptions(new BacktestingOptions())));
    }

    [Fact]
    public async Task A_completed_run_opens_with_metrics_trades_and_charts()
    {
        var run = BacktestResults.Completed();
        await _store.SaveAsync(run, CancellationToken.None);
        await using var ctx = Context((_, _, _) => throw new InvalidOperationException("not used"), out _);

        var cut = ctx.Render<BacktestsPage>(p => p.Add(x => x.Id, run.Id));

        cut.WaitForAssertion(() => Assert.Equal("Completed", cut.Find("[data-testid=bt-status]").TextContent.Trim()), PageContext.Wait);
        Assert.Equal("4.12%", cut.Find("[data-testid=bt-metric-total-return]").TextContent.Trim());
        Assert.Equal("2.05%", cut.Find("[data-testid=bt-benchmark-total-return]").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid=bt-trade-row]").Count);
        Assert.Equal("a warning", cut.Find("[data-testid=bt-warning]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=bt-equity]"));
        Assert.NotNull(cut.Find("[data-testid=bt-drawdown]"));
        var heatmap = cut.FindComponent<MonthlyHeatmap>().Instance;
        Assert.Equal(["2017"], heatmap.Rows);
        Assert.NotNull(heatmap.Values[0][0]);
        Assert.Single(cut.FindAll("[data-testid=bt-run-item]"));
    }

    [Fact]
    public async Task Running_from_a_server_path_shows_progress_then_the_result()
    {
        var gate = new TaskCompletionSource();
        BacktestEngine engine = async (request, progress, ct) =>
        {
            progress?.Report(0.5);
            await gate.Task.WaitAsync(ct);
            return BacktestResults.Make(0.01, 0.02);
        };
        await using var ctx = Context(engine, out var runner);
        await runner.StartAsync(CancellationToken.None);
        var cut = ctx.Render<BacktestsPage>();
        cut.WaitForElement("[data-testid=bt-no-runs]", PageContext.Wait);

        cut.Find("textarea[data-testid=bt-paths]").Change(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-run]").Click());

        cut.WaitForElement("[data-testid=bt-progress]", PageContext.Wait);
        cut.WaitForAssertion(() => Assert.Equal("Running", cut.Find("[data-testid=bt-status]").TextContent.Trim()), PageContext.Wait);
        gate.SetResult();
        cut.WaitForAssertion(() => Assert.Equal("Completed", cut.Find("[data-testid=bt-status]").TextContent.Trim()), PageContext.Wait);
        Assert.Equal(2, cut.FindAll("[data-testid=bt-trade-row]").Count);
        Assert.Equal(["SPY"], (await _store.ListAsync(5, CancellationToken.None))[0].Settings.Symbols);
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_malformed_parameter_is_shown_and_nothing_runs()
    {
        await using var ctx = Context((_, _, _) => throw new InvalidOperationException("not used"), out _);
        var cut = ctx.Render<BacktestsPage>();
        cut.WaitForElement("[data-testid=bt-no-runs]", PageContext.Wait);

        cut.Find("input[data-testid=bt-params]").Change("fast");
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-run]").Click());

        cut.WaitForAssertion(() => Assert.Contains("'fast' is not key=value", cut.Find("[data-testid=bt-error]").TextContent), PageContext.Wait);
        Assert.Empty(await _store.ListAsync(5, CancellationToken.None));
    }

    private sealed class StaticOptions(BacktestingOptions value) : IOptionsMonitor<BacktestingOptions>
    {
        public BacktestingOptions CurrentValue => value;
        public BacktestingOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<BacktestingOptions, string?> listener) => null;
    }

    /// <summary>An in-memory <see cref="IBacktestStore"/> for page tests (the EF store has its own tests).</summary>
    private sealed class MemoryStore : IBacktestStore
    {
        private readonly ConcurrentDictionary<Guid, BacktestRun> _runs = new();

        public Task SaveAsync(BacktestRun run, CancellationToken cancellationToken) { _runs[run.Id] = run; return Task.CompletedTask; }

        public Task<BacktestRun?> GetAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult(_runs.GetValueOrDefault(id));

        public Task<IReadOnlyList<BacktestRunSummary>> ListAsync(int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BacktestRunSummary>>([.. _runs.Values.OrderByDescending(r => r.Created).Take(limit)
                .Select(r => new BacktestRunSummary(r.Id, r.Created, r.Status, r.Progress, r.Settings, r.Result?.Metrics, r.Result?.Benchmark, r.Error, r.Finished))]);

        public Task<int> FailUnfinishedAsync(string reason, DateTime time, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
