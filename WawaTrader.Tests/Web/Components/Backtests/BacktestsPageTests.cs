using System.Collections.Concurrent;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Risk;
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

    [Fact]
    public async Task The_header_states_the_recorded_sizing_and_daily_bars_show_dates()
    {
        var completed = BacktestResults.Completed();
        var run = completed with { Settings = completed.Settings with { Parameters = BacktestSizing.Record(completed.Settings.Parameters, BacktestDefaults.BuiltIn) } };
        await _store.SaveAsync(run, CancellationToken.None);
        await using var ctx = Context((_, _, _) => throw new InvalidOperationException("not used"), out _);

        var cut = ctx.Render<BacktestsPage>(p => p.Add(x => x.Id, run.Id));

        cut.WaitForAssertion(() => Assert.Equal("Position size 5% of equity · max position 10% · max exposure 30%", cut.Find("[data-testid=bt-sizing]").TextContent.Trim()), PageContext.Wait);
        Assert.DoesNotContain("PositionSizePct", cut.Find("[data-testid=bt-current]").TextContent);
        Assert.Equal(["2017-01-04", "2017-01-08"], cut.FindAll("[data-testid=bt-trade-row]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task A_run_stored_before_sizing_was_recorded_says_so()
    {
        var run = BacktestResults.Completed();
        await _store.SaveAsync(run, CancellationToken.None);
        await using var ctx = Context((_, _, _) => throw new InvalidOperationException("not used"), out _);

        var cut = ctx.Render<BacktestsPage>(p => p.Add(x => x.Id, run.Id));

        cut.WaitForAssertion(() => Assert.StartsWith("Position size and risk limits not recorded", cut.Find("[data-testid=bt-sizing]").TextContent.Trim()), PageContext.Wait);
    }

    [Fact]
    public async Task The_drawdown_axis_is_in_percent_and_daily_charts_show_dates()
    {
        var run = BacktestResults.Completed();
        await _store.SaveAsync(run, CancellationToken.None);
        await using var ctx = Context((_, _, _) => throw new InvalidOperationException("not used"), out _);

        var cut = ctx.Render<BacktestsPage>(p => p.Add(x => x.Id, run.Id));

        cut.WaitForAssertion(() => Assert.Equal(2, ctx.JSInterop.Invocations["wawaCharts.create"].Count), PageContext.Wait);
        var configs = ctx.JSInterop.Invocations["wawaCharts.create"]
            .Select(i => System.Text.Json.JsonSerializer.SerializeToElement(i.Arguments[1], System.Text.Json.JsonSerializerOptions.Web))
            .ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("percent", configs["Drawdown"].GetProperty("valueFormat").GetString());
        Assert.Equal("money", configs["Strategy"].GetProperty("valueFormat").GetString());
        Assert.All(configs.Values, c => Assert.Equal("dates", c.GetProperty("timeFormat").GetString()));
    }

    [Fact]
    public async Task The_form_offers_the_live_sizing_and_a_changed_position_size_reaches_the_engine_and_the_header()
    {
        BacktestRequest? seen = null;
        BacktestEngine engine = (request, _, _) =>
        {
            Volatile.Write(ref seen, request);
            return Task.FromResult(BacktestResults.Make(0.01, 0.02));
        };
        var live = new BacktestDefaults(new RiskOptions { MaxPositionPct = 12, MaxExposurePct = 40 }, 7, new(), new());
        var r = new BacktestRunner(engine, _store, new FakeTimeProvider(new DateTimeOffset(2024, 3, 15, 14, 0, 0, TimeSpan.Zero)), NullLogger<BacktestRunner>.Instance);
        await using var ctx = PageContext.Create(services: s => s
            .AddSingleton(r)
            .AddSingleton(new OptimizationRunner((_, _, _) => throw new InvalidOperationException("not used"), TimeProvider.System, NullLogger<OptimizationRunner>.Instance))
            .AddSingleton(new Backtester(live))
            .AddSingleton<IOptionsMonitor<BacktestingOptions>>(new StaticOptions(new BacktestingOptions())));
        await r.StartAsync(CancellationToken.None);
        var cut = ctx.Render<BacktestsPage>();
        cut.WaitForElement("[data-testid=bt-no-runs]", PageContext.Wait);
        Assert.Equal("7", cut.Find("input[data-testid=bt-position-size]").GetAttribute("value"));
        Assert.Equal("12", cut.Find("input[data-testid=bt-max-position]").GetAttribute("value"));
        Assert.Equal("40", cut.Find("input[data-testid=bt-max-exposure]").GetAttribute("value"));

        cut.Find("textarea[data-testid=bt-paths]").Change(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        cut.Find("input[data-testid=bt-position-size]").Change("20");
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-run]").Click());

        cut.WaitForAssertion(() => Assert.Equal("Completed", cut.Find("[data-testid=bt-status]").TextContent.Trim()), PageContext.Wait);
        Assert.Equal("20", seen!.Parameters["Trading:PositionSizePct"]);
        Assert.Equal("12", seen.Parameters["Risk:MaxPositionPct"]);
        Assert.Equal("Position size 20% of equity · max position 12% · max exposure 40%", cut.Find("[data-testid=bt-sizing]").TextContent.Trim());
        await r.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_position_size_in_both_its_field_and_the_parameters_is_refused()
    {
        await using var ctx = Context((_, _, _) => throw new InvalidOperationException("not used"), out _);
        var cut = ctx.Render<BacktestsPage>();
        cut.WaitForElement("[data-testid=bt-no-runs]", PageContext.Wait);

        cut.Find("textarea[data-testid=bt-paths]").Change(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        cut.Find("input[data-testid=bt-params]").Change("size=20");
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-run]").Click());

        cut.WaitForAssertion(() => Assert.Contains("size repeats the Position size field", cut.Find("[data-testid=bt-error]").TextContent), PageContext.Wait);
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
