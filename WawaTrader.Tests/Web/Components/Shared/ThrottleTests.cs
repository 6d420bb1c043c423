using Microsoft.Extensions.Time.Testing;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Tests.Web.Components.Shared;

public sealed class ThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 3, 1, 15, 0, 0, TimeSpan.Zero));
    private int _runs;

    private Throttle NewThrottle() => new(_time, TimeSpan.FromSeconds(1), () => { Interlocked.Increment(ref _runs); return Task.CompletedTask; });

    [Fact]
    public void The_first_request_runs_at_once()
    {
        using var throttle = NewThrottle();

        throttle.Request();

        Assert.Equal(1, _runs);
    }

    [Fact]
    public void Requests_within_the_interval_fold_into_one_run_at_its_end()
    {
        using var throttle = NewThrottle();
        throttle.Request();

        _time.Advance(TimeSpan.FromMilliseconds(200));
        throttle.Request();
        throttle.Request();
        _time.Advance(TimeSpan.FromMilliseconds(300));
        throttle.Request();
        Assert.Equal(1, _runs);

        _time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal(2, _runs);
    }

    [Fact]
    public void A_request_after_a_quiet_interval_runs_at_once()
    {
        using var throttle = NewThrottle();
        throttle.Request();

        _time.Advance(TimeSpan.FromSeconds(1));
        throttle.Request();

        Assert.Equal(2, _runs);
    }

    [Fact]
    public void A_disposed_throttle_never_runs_its_pending_request()
    {
        var throttle = NewThrottle();
        throttle.Request();
        throttle.Request();

        throttle.Dispose();
        _time.Advance(TimeSpan.FromSeconds(5));
        throttle.Request();

        Assert.Equal(1, _runs);
    }
}
