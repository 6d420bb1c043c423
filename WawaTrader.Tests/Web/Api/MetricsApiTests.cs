using System.Diagnostics;
using System.Globalization;
using System.Net;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Web.Api;

/// <summary>OpenTelemetry's meter provider subscribes to meters by name across the whole process, so the app hosts of other tests
/// running at the same time would mix their instruments into this host's scrape (seen as counters that stop moving): these run alone.</summary>
[CollectionDefinition(nameof(MetricsApiTests), DisableParallelization = true)]
public sealed class MetricsScrapeCollection;

/// <summary>SQLite only: the instruments do not depend on the provider (the journal's write latency is timed around either), and this
/// collection runs alone, so a second provider would add its whole length to the suite for no new behaviour.</summary>
[Collection(nameof(MetricsApiTests))]
public sealed class MetricsApiTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>What a scrape shows after a few cycles of the default agent, whatever it decided (Prometheus names:
    /// dots as underscores, unit and counter suffixes; see <see cref="TradingMetricNames"/>).</summary>
    private static readonly string[] AlwaysThere =
    [
        "wawatrader_decisions_total",
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
        // The request metrics of ASP.NET Core land once a request has ended, shortly after its response: wait for them too.
        var second = await ScrapeUntilAsync(client, s =>
            Sum(s, "wawatrader_decisions_total") > Sum(first, "wawatrader_decisions_total")
            && Sum(s, "wawatrader_cycle_duration_seconds_count") > Sum(first, "wawatrader_cycle_duration_seconds_count")
            && AlwaysThere.All(name => Has(s, name)));

        Assert.True(Sum(second, "wawatrader_decisions_total") > Sum(first, "wawatrader_decisions_total"));
        Assert.True(Sum(second, "wawatrader_cycle_duration_seconds_count") > Sum(first, "wawatrader_cycle_duration_seconds_count"));
        Assert.All(AlwaysThere, name => Assert.True(Has(second, name), $"{name} is not in the scrape"));
        Assert.Contains(second, l => l.StartsWith("wawatrader_decisions_total{", StringComparison.Ordinal) && l.Contains("source=\"Technical\"") && l.Contains("action="));
        Assert.Contains(second, l => l.StartsWith("target_info{", StringComparison.Ordinal) && l.Contains("service_name=\"wawatrader\""));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_set_metrics_and_logs_with_the_decision_scope_are_pushed_under_the_service_name()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        // Real environment variables, as a user sets them: the app reads OTEL_EXPORTER_OTLP_ENDPOINT while it registers its
        // services, before the test factory's settings are applied. Safe here: this collection runs alone.
        using var environment = new EnvironmentVariables(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_SERVICE_NAME"] = "wawatrader-otlp-test",
        });
        await using var app = new WawaTraderAppFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:WawaTrader.Core.Trading.TradingCycle"] = "Debug", // the decision lines
        });
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Patience && !(Metrics(collector).Any(e => e.Mentions(TradingMetricNames.Decisions)) && Logs(collector).Any(e => e.Mentions("DecisionId"))))
            await Task.Delay(TimeSpan.FromMilliseconds(200));

        Assert.True(Metrics(collector).Any(e => e.Mentions(TradingMetricNames.Decisions)),
            $"no metrics export names {TradingMetricNames.Decisions}; received: {string.Join(", ", collector.Exports.Select(e => $"{e.Path} {e.Body.Length} B"))}");
        var metrics = Metrics(collector).First(e => e.Mentions(TradingMetricNames.Decisions));
        Assert.Equal("application/x-protobuf", metrics.ContentType);
        Assert.True(metrics.Mentions("wawatrader-otlp-test"));
        Assert.True(metrics.Mentions(TradingMetrics.MeterName));
        Assert.Contains(Logs(collector), e => e.Mentions("DecisionId") && e.Mentions("Symbol"));
    }

    private static IEnumerable<OtlpExport> Metrics(FakeOtlpCollector collector) => collector.Exports.Where(e => e.Path == "/v1/metrics");

    private static IEnumerable<OtlpExport> Logs(FakeOtlpCollector collector) => collector.Exports.Where(e => e.Path == "/v1/logs");

    /// <summary>Scrapes until <paramref name="done"/> holds or patience runs out; returns the last scrape either way.</summary>
    private static async Task<string[]> ScrapeUntilAsync(HttpClient client, Func<string[], bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
            if (done(lines) || waited.Elapsed > Patience) return lines;
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static bool Has(string[] scrape, string name) =>
        scrape.Any(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));

    /// <summary>The sum of a metric's samples over all its label sets.</summary>
    private static double Sum(string[] scrape, string name) => scrape
        .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}

/// <summary>Sets process environment variables for one test and restores the previous values on dispose.</summary>
internal sealed class EnvironmentVariables : IDisposable
{
    private readonly Dictionary<string, string?> _previous = [];

    public EnvironmentVariables(Dictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous) Environment.SetEnvironmentVariable(name, value);
    }
}
