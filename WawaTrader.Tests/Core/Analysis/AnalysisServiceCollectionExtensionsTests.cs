using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Analysis;

namespace WawaTrader.Tests.Core.Analysis;

public sealed class AnalysisServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAnalysis(configuration).BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public void Registers_the_technical_analyst_as_the_singleton_analyst_when_the_model_is_off()
    {
        using var provider = Build(new() { ["Llm:Enabled"] = "false" });

        var analyst = provider.GetRequiredService<IAnalyst>();

        Assert.IsType<TechnicalAnalyst>(analyst);
        Assert.Same(analyst, provider.GetRequiredService<IAnalyst>());
        Assert.Same(analyst, provider.GetRequiredService<TechnicalAnalyst>());
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Binds_the_analyst_section()
    {
        using var provider = Build(new() { ["Analyst:RsiOversold"] = "35" });
        var analyst = provider.GetRequiredService<TechnicalAnalyst>();
        var snapshot = Snapshots.Neutral() with { Rsi14 = 33, Close = 95.5, Ema20 = 95.5 };

        var proposal = analyst.Analyze(new AnalysisContext("AAPL", snapshot, 0m, 0m));

        Assert.Equal(TradeAction.Buy, proposal.Action);
        Assert.Contains("RSI14 33.0 oversold (<= 35)", proposal.Reasoning);
    }

    [Theory]
    [InlineData("Analyst:RsiOversold", "80", "Analyst:RsiOversold (80) must be below Analyst:RsiOverbought (70).")]
    [InlineData("Analyst:MinIndicators", "9", "MinIndicators")]
    [InlineData("Analyst:FullConvictionScore", "2", "Analyst:FullConvictionScore (2) must be above Analyst:ActionThreshold (2.5).")]
    public void Refuses_to_start_on_invalid_thresholds_naming_the_key(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message);
    }
}
