using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Analysis.Llm;

public sealed class LlmAnalystMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task A_model_answer_that_confirms_the_signal_is_counted_as_used_and_timed()
    {
        await using var h = await LlmHarness.StartAsync();
        using var calls = new MetricCollector<long>(Meters, TradingMetrics.MeterName, TradingMetricNames.ModelCalls);
        using var latency = new MetricCollector<double>(Meters, TradingMetrics.MeterName, TradingMetricNames.ModelCallDuration);
        var analyst = ActivatorUtilities.CreateInstance<LlmAnalyst>(h.Provider, new TradingMetrics(Meters, TimeProvider.System));

        await analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal("Used", Assert.Single(calls.GetMeasurementSnapshot()).Tags["outcome"]);
        Assert.True(Assert.Single(latency.GetMeasurementSnapshot()).Value > 0);
    }

    [Fact]
    public async Task A_refused_connection_is_counted_as_failed_with_its_error_type()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:Endpoint"] = $"http://127.0.0.1:{LlmHarness.UnusedPort()}/v1" });
        using var calls = new MetricCollector<long>(Meters, TradingMetrics.MeterName, TradingMetricNames.ModelCalls);
        var analyst = ActivatorUtilities.CreateInstance<LlmAnalyst>(h.Provider, new TradingMetrics(Meters, TimeProvider.System));

        await analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        var call = Assert.Single(calls.GetMeasurementSnapshot());
        Assert.Equal(("Failed", "ConnectionFailed"), ((string)call.Tags["outcome"]!, (string)call.Tags["error.type"]!));
    }

    [Fact]
    public async Task An_unreadable_answer_is_counted_as_fell_back()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = FakeReply.Garbage();
        using var calls = new MetricCollector<long>(Meters, TradingMetrics.MeterName, TradingMetricNames.ModelCalls);
        var analyst = ActivatorUtilities.CreateInstance<LlmAnalyst>(h.Provider, new TradingMetrics(Meters, TimeProvider.System));

        await analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal("FellBack", Assert.Single(calls.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    public void Dispose() => _services.Dispose();
}
