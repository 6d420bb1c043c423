using System.Globalization;
using System.Net;
using WawaTrader.Core.Diagnostics;

namespace WawaTrader.Tests.Web.Api;

public sealed class MetricsApiTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>What a scrape shows after a few cycles of the default agent, whatever it decided (Prometheus names:
    /// dots as underscores, unit and counter suffixes; see <see cref="TradingMetricNames"/>).</summary>
    private static readonly string[] AlwaysThere =
    [
        "wawatrader_decisions_total",
        "wawatrader_risk_checks_total",
        "wawatrader_cycle_duration_seconds_count",
        "wawatrader_cycle_symbols_count",
        "wawatrader_journal_write_duration_seconds_count",
        "wawatrader_broker_request_duration_seconds_count",
        "wawatrader_portfolio_equity",
        "wawatrader_portfolio_exposure",
        "http_server_request_duration_seconds_count",
        "dotnet_gc_collections_total",
    ];

    [Fact]
    public async Task A_scrape_after_a_few_cycles_finds_the_trading_counters_moving_between_two_scrapes()
    {
        await using var app = new WawaTraderAppFactory();
        using var client = app.CreateClient();

        var first = await ScrapeUntilAsync(client, s => Sum(s, "wawatrader_decisions_total") > 0 && Sum(s, "wawatrader_cycle_duration_seconds_count") > 0);
        var second = await ScrapeUntilAsync(client, s =>
            Sum(s, "wawatrader_decisions_total") > Sum(first, "wawatrader_decisions_total")
            && Sum(s, "wawatrader_cycle_duration_seconds_count") > Sum(first, "wawatrader_cycle_duration_seconds_count"));

        Assert.All(AlwaysThere, name => Assert.Contains(second, line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal)));
        Assert.Contains(second, l => l.StartsWith("wawatrader_decisions_total{", StringComparison.Ordinal) && l.Contains("source=\"Technical\"") && l.Contains("action="));
        Assert.Contains(second, l => l.StartsWith("target_info{", StringComparison.Ordinal) && l.Contains("service_name=\"wawatrader\""));
    }

    private static async Task<string[]> ScrapeUntilAsync(HttpClient client, Func<string[], bool> done)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            using var response = await client.GetAsync("/metrics", timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var lines = (await response.Content.ReadAsStringAsync(timeout.Token)).Split('\n');
            if (done(lines)) return lines;
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }

    /// <summary>The sum of a metric's samples over all its label sets.</summary>
    private static double Sum(string[] scrape, string name) => scrape
        .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
