using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Diagnostics;

namespace WawaTrader.Tests.Core.Diagnostics;

public sealed class OutageTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 14, 30, 0, TimeSpan.Zero));

    [Fact]
    public void The_first_failure_is_reported_and_the_next_ones_within_a_minute_are_not()
    {
        var tracker = new OutageTracker(_time);

        var first = tracker.Failed("connection refused");
        var repeats = Enumerable.Range(0, 500).Select(_ => { _time.Advance(TimeSpan.FromMilliseconds(100)); return tracker.Failed("connection refused"); }).ToList();

        Assert.Equal(OutageNotice.WentDown, first.Notice);
        Assert.All(repeats, r => Assert.Equal(OutageNotice.None, r.Notice));
        Assert.True(tracker.IsDown);
    }

    [Fact]
    public void A_summary_per_minute_counts_the_failures_since_the_last_line()
    {
        var tracker = new OutageTracker(_time);
        tracker.Failed("connection refused");
        for (var i = 0; i < 59; i++) { _time.Advance(TimeSpan.FromSeconds(1)); tracker.Failed("connection refused"); }

        _time.Advance(TimeSpan.FromSeconds(1));
        var summary = tracker.Failed("timed out after 30 s");
        _time.Advance(TimeSpan.FromSeconds(1));
        var afterSummary = tracker.Failed("timed out after 30 s");

        Assert.Equal(OutageNotice.StillDown, summary.Notice);
        Assert.Equal(60, summary.Failures);
        Assert.Equal("timed out after 30 s", summary.Reason);
        Assert.Equal(TimeSpan.FromMinutes(1), summary.Down);
        Assert.Equal(OutageNotice.None, afterSummary.Notice);
    }

    [Fact]
    public void Recovery_is_reported_once_with_the_whole_outage()
    {
        var tracker = new OutageTracker(_time);
        tracker.Failed("connection refused");
        _time.Advance(TimeSpan.FromSeconds(90));
        tracker.Failed("connection refused");
        tracker.Failed("connection refused");

        var recovered = tracker.Succeeded();
        var again = tracker.Succeeded();

        Assert.Equal(new OutageReport(OutageNotice.Recovered, "", 3, TimeSpan.FromSeconds(90)), recovered);
        Assert.Equal(OutageNotice.None, again.Notice);
        Assert.False(tracker.IsDown);
        Assert.Equal(OutageNotice.WentDown, tracker.Failed("connection refused").Notice);
    }

    [Fact]
    public void Success_without_an_outage_reports_nothing() =>
        Assert.Equal(OutageNotice.None, new OutageTracker(_time).Succeeded().Notice);
}
