using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Tests.Core.Analysis.Llm;

public sealed class LlmAnalystRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAnalysis(configuration).BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public void Makes_the_llm_analyst_the_analyst_by_default_and_keeps_the_technical_one_as_itself()
    {
        using var provider = Build([]);

        var analyst = provider.GetRequiredService<IAnalyst>();

        Assert.IsType<LlmAnalyst>(analyst);
        Assert.Same(analyst, provider.GetRequiredService<IAnalyst>());
        Assert.NotNull(provider.GetRequiredService<TechnicalAnalyst>());
        Assert.Same(provider.GetRequiredService<LlmHealth>(), provider.GetRequiredService<LlmHealth>());
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Makes_the_technical_analyst_the_analyst_when_the_model_is_disabled()
    {
        using var provider = Build(new() { ["Llm:Enabled"] = "false" });

        Assert.IsType<TechnicalAnalyst>(provider.GetRequiredService<IAnalyst>());
    }

    [Theory]
    [InlineData("Llm:TimeoutSeconds", "0", "TimeoutSeconds")]
    [InlineData("Llm:MaxConcurrency", "0", "MaxConcurrency")]
    [InlineData("Llm:Endpoint", "http://localhost:1234/v1/chat/completions", "Llm:Endpoint")]
    [InlineData("Llm:Resilience:BreakDuration", "00:00:00.1", "BreakDuration")]
    public void Refuses_to_start_on_an_invalid_setting_naming_the_key(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message);
    }
}
