using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Brokers.Alpaca;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

public sealed class AlpacaRateBudgetTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Allows_200_requests_a_minute_then_waits_for_the_oldest_to_leave_the_window()
    {
        var time = new FakeTimeProvider(Start);
        var budget = new AlpacaRateBudget(time);
        for (var i = 0; i < AlpacaRateBudget.RequestsPerMinute; i++)
        {
            Assert.Equal(TimeSpan.Zero, budget.Reserve());
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var wait = budget.Reserve();
        time.Advance(wait);

        Assert.Equal(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(100 * AlpacaRateBudget.RequestsPerMinute), wait);
        Assert.Equal(TimeSpan.Zero, budget.Reserve());
    }

    [Fact]
    public void A_remaining_of_zero_holds_requests_until_alpacas_reset()
    {
        var time = new FakeTimeProvider(Start);
        var budget = new AlpacaRateBudget(time);
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-Ratelimit-Remaining", "0");
        response.Headers.Add("X-Ratelimit-Reset", Start.AddSeconds(20).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        budget.Observe(response);

        Assert.Equal(TimeSpan.FromSeconds(20), budget.Reserve());
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.Zero, budget.Reserve());
    }

    [Fact]
    public void A_remaining_above_zero_holds_nothing()
    {
        var budget = new AlpacaRateBudget(new FakeTimeProvider(Start));
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-Ratelimit-Remaining", "57");
        response.Headers.Add("X-Ratelimit-Reset", Start.AddSeconds(20).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        budget.Observe(response);

        Assert.Equal(TimeSpan.Zero, budget.Reserve());
    }
}
