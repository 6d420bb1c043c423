using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>What a user's log shows while Alpaca's Trading API (the fake, dropping every connection) is down and when it is back.</summary>
public sealed class AlpacaOutageLogTests
{
    /// <summary>Lines at Warning and above, from every category (HttpClient, Polly and ours): what the app's log shows by default.</summary>
    private static List<string> Warnings(AlpacaBrokerHarness h) =>
        [.. h.Logs.Entries.Where(l => l.Contains(" Warning: ", StringComparison.Ordinal) || l.Contains(" Error: ", StringComparison.Ordinal)
            || l.Contains(" Critical: ", StringComparison.Ordinal))];

    [Fact]
    public async Task An_outage_is_logged_once_however_often_the_requests_are_retried_and_without_a_stack_trace()
    {
        await using var h = await AlpacaBrokerHarness.StartAsync(); // 4 retries per request, 10 ms apart
        h.Fake.Down = true;

        for (var i = 0; i < 5; i++) await Assert.ThrowsAsync<AlpacaException>(() => h.Broker.GetClockAsync(CancellationToken.None));

        var line = Assert.Single(Warnings(h));
        Assert.Contains("Alpaca's Trading API is unavailable", line);
        Assert.DoesNotContain("   at ", line);
    }

    [Fact]
    public async Task A_long_outage_is_summarised_per_minute_with_the_count_and_logged_once_when_Alpaca_answers_again()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
        await using var h = await AlpacaBrokerHarness.StartAsync(new Dictionary<string, string?> { ["Alpaca:MaxRetries"] = "0" },
            services => services.AddSingleton<TimeProvider>(time));
        h.Fake.Down = true;

        for (var i = 0; i < 10; i++) await Assert.ThrowsAsync<AlpacaException>(() => h.Broker.GetClockAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(61));
        await Assert.ThrowsAsync<AlpacaException>(() => h.Broker.GetClockAsync(CancellationToken.None));
        h.Fake.Down = false;
        await h.Broker.GetClockAsync(CancellationToken.None);
        await h.Broker.GetClockAsync(CancellationToken.None);

        var warnings = Warnings(h);
        Assert.Equal(2, warnings.Count);
        Assert.Contains("Alpaca's Trading API is unavailable", warnings[0]);
        Assert.Contains("still unavailable: 10 more failed requests in the last 00:01:00", warnings[1]);
        Assert.All(warnings, l => Assert.DoesNotContain("   at ", l));
        var back = Assert.Single(h.Logs.Entries, l => l.Contains("answers again after", StringComparison.Ordinal));
        Assert.Contains("answers again after 00:01:01 down (11 failed requests)", back);
    }
}
