using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.FirstRun;
using WawaTrader.Core.Market;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Web.Components.FirstRun;

namespace WawaTrader.Tests.Web.Components.FirstRun;

/// <summary>The tour over a real SQLite database (first-run state, backtests) and the dashboard's services (journal, hub, model health).</summary>
public sealed class FirstRunTourTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly BunitContext _ctx = new();
    private readonly DashboardServices _services;
    private TempDatabase _database = null!;

    public FirstRunTourTests() => _services = new DashboardServices(_ctx);

    public async Task InitializeAsync()
    {
        _database = await TempDatabase.CreateMigratedAsync();
        _ctx.Services.AddSingleton(sp => new FirstRunGuide(Store, sp.GetRequiredService<IDecisionJournal>(), _database.Backtests,
            sp.GetRequiredService<LlmHealth>(), sp.GetRequiredService<IMarketData>(), sp.GetRequiredService<IBroker>()));
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _database.DisposeAsync();
    }

    private EfFirstRunStore Store => new(_database.Contexts, _database.Time);

    private IRenderedComponent<FirstRunTour> Render() => _ctx.Render<FirstRunTour>();

    private static bool Done(IRenderedComponent<FirstRunTour> tour, string step) =>
        tour.Find($"[data-testid={step}]").GetAttribute("data-done") == "true";

    [Fact]
    public void On_an_empty_database_the_tour_shows_four_steps_none_ticked()
    {
        var tour = Render();

        tour.WaitForElement("[data-testid=first-run-tour]");
        Assert.False(Done(tour, "tour-step-simulated"));
        Assert.False(Done(tour, "tour-step-decision"));
        Assert.False(Done(tour, "tour-step-connect"));
        Assert.False(Done(tour, "tour-step-backtest"));
        Assert.Empty(tour.FindAll("[data-testid=tour-first-decision]"));
        Assert.Contains("Test", tour.Find("[data-testid=tour-step-simulated]").TextContent); // the market in use, by name
        Assert.Contains("SIM-A, SIM-B, SIM-C", tour.Find("[data-testid=tour-step-backtest]").TextContent);
        Assert.Contains("simulated", tour.Find("[data-testid=tour-step-backtest]").TextContent);
        Assert.NotNull(tour.Find("[data-testid=tour-run-example]"));
    }

    [Fact]
    public async Task The_decision_step_links_the_first_decision()
    {
        await Store.GetAsync(None);
        var first = JournalData.Decision(time: JournalData.MarketOpen);
        await _services.Journal.RecordDecisionAsync(first, None);
        await _services.Journal.RecordDecisionAsync(JournalData.Decision(time: JournalData.MarketOpen.AddMinutes(1)), None);

        var tour = Render();

        tour.WaitForAssertion(() => Assert.True(Done(tour, "tour-step-decision")));
        Assert.Equal($"decisions/{first.Id}", tour.Find("[data-testid=tour-first-decision]").GetAttribute("href"));
        Assert.False(Done(tour, "tour-step-backtest"));
    }

    [Fact]
    public async Task The_decision_step_ticks_live_when_the_agent_decides()
    {
        var tour = Render();
        tour.WaitForElement("[data-testid=first-run-tour]");
        var decision = JournalData.Decision();

        await _services.Journal.RecordDecisionAsync(decision, None);
        _services.Hub.Publish(new DecisionMade(decision.Time, decision));

        tour.WaitForAssertion(() => Assert.True(Done(tour, "tour-step-decision")));
        Assert.Equal($"decisions/{decision.Id}", tour.Find("[data-testid=tour-first-decision]").GetAttribute("href"));
    }

    [Fact]
    public void The_connect_step_ticks_when_a_model_answers()
    {
        var tour = Render();
        tour.WaitForElement("[data-testid=first-run-tour]");

        _services.Health(_ctx).RecordAnswer(120);

        tour.WaitForAssertion(() => Assert.True(Done(tour, "tour-step-connect")));
        Assert.Contains("A model answers", tour.Find("[data-testid=tour-step-connect]").TextContent);
    }

    [Fact]
    public async Task A_model_that_keeps_failing_makes_the_tour_read_its_progress_at_most_once()
    {
        var tour = Render();
        tour.WaitForElement("[data-testid=first-run-tour]");
        _database.Commands.Reset();

        // An outage raises Changed on every refused call; only a state the "connected" step reads (Online, Degraded) is worth a read.
        for (var i = 0; i < 20; i++) _services.Health(_ctx).RecordFailure(1, "circuit open after repeated failures", timeout: false, circuitOpen: true);
        await WawaTrader.Tests.Core.Trading.Eventually.SettleAsync();

        Assert.True(_database.Commands.Commands.Count(sql => sql.Contains("\"first_run\"", StringComparison.Ordinal)) <= 1,
            string.Join("\n", _database.Commands.Commands));
    }

    [Fact]
    public async Task The_backtest_step_ticks_once_a_backtest_exists_and_links_it()
    {
        await Store.GetAsync(None);
        var run = BacktestResults.Completed();
        await _database.Backtests.SaveAsync(run, None);

        var tour = Render();

        tour.WaitForAssertion(() => Assert.True(Done(tour, "tour-step-backtest")));
        Assert.Equal($"backtests/{run.Id}", tour.Find("[data-testid=tour-latest-backtest]").GetAttribute("href"));
    }

    [Fact]
    public async Task Dismissing_hides_the_tour_for_good()
    {
        var tour = Render();
        tour.WaitForElement("[data-testid=first-run-tour]");

        await tour.Find("[data-testid=tour-dismiss]").ClickAsync(new());

        tour.WaitForAssertion(() => Assert.Empty(tour.FindAll("[data-testid=first-run-tour]")));
        Assert.NotNull((await Store.GetAsync(None)).TourDismissedAt);
        var again = Render();
        again.WaitForElement("[data-testid=first-run-tour-off]");
        Assert.Empty(again.FindAll("[data-testid=first-run-tour]"));
    }

    [Fact]
    public async Task A_database_with_history_gets_no_tour()
    {
        await _database.Journal.RecordDecisionAsync(JournalData.Decision(), None);

        var tour = Render();

        tour.WaitForElement("[data-testid=first-run-tour-off]");
        Assert.Empty(tour.FindAll("[data-testid=first-run-tour]"));
        Assert.False((await Store.GetAsync(None)).ShowsTour);
    }
}
