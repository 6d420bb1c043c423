using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Risk;

public sealed class RiskServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddRisk(configuration).BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public void Registers_the_manager_and_sizer_as_singletons_with_bound_limits()
    {
        using var provider = Build(new() { ["Risk:MaxTradesPerDay"] = "3" });

        Assert.Same(provider.GetRequiredService<RiskManager>(), provider.GetRequiredService<RiskManager>());
        Assert.Same(provider.GetRequiredService<PositionSizer>(), provider.GetRequiredService<PositionSizer>());
        Assert.Equal(3, provider.GetRequiredService<IOptions<RiskOptions>>().Value.MaxTradesPerDay);
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("Risk:MaxPositionPct", "40", "Risk:MaxPositionPct (40) must not exceed Risk:MaxExposurePct (30).")]
    [InlineData("Risk:MaxTradesPerDay", "0", "MaxTradesPerDay")]
    public void Refuses_to_start_on_invalid_limits_naming_the_key(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message);
    }
}
