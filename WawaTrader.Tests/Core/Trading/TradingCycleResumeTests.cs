using WawaTrader.Core.Market;
using WawaTrader.Tests.Core.Market;

namespace WawaTrader.Tests.Core.Trading;

public sealed class TradingCycleResumeTests
{
    [Fact]
    public async Task After_a_restart_the_bar_decided_before_is_not_decided_again()
    {
        var h = new CycleHarness(null, "AAPL");
        var history = h.ServeHistory("AAPL");
        h.Resume = new RecordedResume(new ResumePoint(new Dictionary<string, RecordedBar> { ["AAPL"] = new(history[^1].Time, history[^1].Close) }));
        h.Restart();

        var first = await h.RunAsync();
        h.Market.PublishNext("AAPL", open: 100, close: 101);
        var next = await h.RunAsync();

        Assert.Equal(0, first.Decisions);
        Assert.Equal(1, next.Decisions);
        Assert.Equal(history[^1].Time.AddMinutes(1), Assert.Single(await h.DecisionsAsync()).BarTime);
    }

    [Fact]
    public async Task History_newer_than_the_recorded_bar_is_decided_at_once()
    {
        var h = new CycleHarness(null, "AAPL");
        var history = h.ServeHistory("AAPL");
        h.Resume = new RecordedResume(new ResumePoint(new Dictionary<string, RecordedBar> { ["AAPL"] = new(history[^2].Time, history[^2].Close) }));
        h.Restart();

        var first = await h.RunAsync();

        Assert.Equal(1, first.Decisions);
    }
}
