using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Core.Risk;
using WawaTrader.Tests.Web.Components.DecisionPages;
using WawaTrader.Web.Backtesting;
using WawaTrader.Web.Components.Backtests;
using BacktestsPage = WawaTrader.Web.Components.Pages.Backtests;

namespace WawaTrader.Tests.Web.Components.Backtests;

public sealed class CachedSymbolPickerTests
{
    private static readonly Bar[] Spy = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));

    private static BunitContext Context(TempDatabase database, Action<IServiceCollection>? more = null) =>
        PageContext.Create(services: s =>
        {
            s.AddSingleton(database.BarCache);
            s.AddSingleton<IOptionsMonitor<BacktestingOptions>>(new TestOptionsMonitor<BacktestingOptions>(new BacktestingOptions()));
            more?.Invoke(s);
        });

    [Fact]
    public async Task An_empty_cache_says_how_to_fill_it()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        await using var ctx = Context(database);

        var cut = ctx.Render<CachedSymbolPicker>();

        cut.WaitForAssertion(() => Assert.Contains("bars import --csv FILE", cut.Find("[data-testid=bt-symbols-empty]").TextContent), PageContext.Wait);
        Assert.Empty(cut.FindComponents<MudSelect<string>>());
    }

    [Fact]
    public async Task Lists_each_cached_symbol_with_its_range_and_count_and_reports_the_choice()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        await database.BarCache.UpsertAsync("SPY", Spy, CancellationToken.None);
        await database.BarCache.UpsertAsync("QQQ", Bars.Trending(0.1, 3), CancellationToken.None);
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLogging().AddSingleton(database.BarCache);
        var popovers = ctx.Render<MudPopoverProvider>();
        IReadOnlyCollection<string>? chosen = null;

        var cut = ctx.Render<CachedSymbolPicker>(p => p.Add(x => x.SelectedChanged, (IReadOnlyCollection<string> s) => chosen = s));
        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<MudSelect<string>>()), PageContext.Wait);
        var select = cut.FindComponent<MudSelect<string>>();
        await cut.InvokeAsync(() => select.Instance.OpenMenu());

        var items = popovers.WaitForElements("[data-testid=bt-symbols-item]", PageContext.Wait)
            .Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["QQQ · 2024-01-02 14:30 – 2024-01-02 14:32 · 3 bars", $"SPY · 2017-01-03 – 2018-12-31 · {Spy.Length:N0} bars"], items);
        await cut.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(["SPY"]));
        Assert.Equal(["SPY"], chosen);
    }

    [Fact]
    public async Task A_backtest_runs_over_the_chosen_cached_symbol()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        await database.BarCache.UpsertAsync("SPY", Spy, CancellationToken.None);
        BacktestRequest? seen = null;
        BacktestEngine engine = (request, _, _) =>
        {
            Volatile.Write(ref seen, request);
            return Task.FromResult(BacktestResults.Make(0.01, 0.02));
        };
        var runner = new BacktestRunner(engine, new EfBacktestStoreForPages(database), new FakeTimeProvider(new DateTimeOffset(2024, 3, 15, 14, 0, 0, TimeSpan.Zero)),
            NullLogger<BacktestRunner>.Instance);
        var optimizations = new OptimizationRunner((_, _, _) => throw new InvalidOperationException("not used"), TimeProvider.System, NullLogger<OptimizationRunner>.Instance);
        await using var ctx = Context(database, s => s.AddSingleton(runner).AddSingleton(optimizations));
        await runner.StartAsync(CancellationToken.None);
        var cut = ctx.Render<BacktestsPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<CachedSymbolPicker>()
            .Where(p => p.Instance.TestId == "bt-symbols").SelectMany(p => p.FindComponents<MudSelect<string>>())), PageContext.Wait);
        var select = cut.FindComponents<CachedSymbolPicker>().Single(p => p.Instance.TestId == "bt-symbols").FindComponent<MudSelect<string>>();
        await cut.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(["SPY"]));
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-run]").Click());

        cut.WaitForAssertion(() => Assert.NotNull(Volatile.Read(ref seen)), PageContext.Wait);
        var series = Assert.Single(seen!.Series);
        Assert.Equal("SPY", series.Symbol);
        Assert.Equal(Spy, series.Bars);
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_optimisation_runs_over_the_chosen_cached_symbol()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        await database.BarCache.UpsertAsync("SPY", Spy, CancellationToken.None);
        OptimizationRequest? seen = null;
        OptimizationEngine engine = (request, _, _) =>
        {
            Volatile.Write(ref seen, request);
            return Task.FromResult(new OptimizationOutcome([], null));
        };
        var runner = new OptimizationRunner(engine, TimeProvider.System, NullLogger<OptimizationRunner>.Instance);
        await using var ctx = Context(database, s => s.AddSingleton(runner));
        await runner.StartAsync(CancellationToken.None);
        var cut = ctx.Render<OptimizePanel>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<MudSelect<string>>(), s => s.Instance.MultiSelection), PageContext.Wait);
        var select = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.MultiSelection);
        await cut.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(["SPY"]));
        await cut.InvokeAsync(() => cut.Find("[data-testid=bt-opt-run]").Click());

        cut.WaitForAssertion(() => Assert.NotNull(Volatile.Read(ref seen)), PageContext.Wait);
        var series = Assert.Single(seen!.Backtest.Series);
        Assert.Equal("SPY", series.Symbol);
        Assert.Equal(Spy.Length, series.Bars.Length);
        await runner.StopAsync(CancellationToken.None);
    }

    /// <summary>The real EF store over the test's database (the page lists and re-opens runs from it).</summary>
    private sealed class EfBacktestStoreForPages(TempDatabase database) : IBacktestStore
    {
        private readonly IBacktestStore _store = EfBacktestStoreTests.Store(database);

        public Task SaveAsync(BacktestRun run, CancellationToken cancellationToken) => _store.SaveAsync(run, cancellationToken);
        public Task<BacktestRun?> GetAsync(Guid id, CancellationToken cancellationToken) => _store.GetAsync(id, cancellationToken);
        public Task<IReadOnlyList<BacktestRunSummary>> ListAsync(int limit, CancellationToken cancellationToken) => _store.ListAsync(limit, cancellationToken);
        public Task<int> FailUnfinishedAsync(string reason, DateTime time, CancellationToken cancellationToken) => _store.FailUnfinishedAsync(reason, time, cancellationToken);
    }
}
