using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Risk;

public sealed class RiskOptionsValidatorTests
{
    private readonly RiskOptionsValidator _validator = new();

    [Fact]
    public void Default_limits_are_valid()
    {
        Assert.True(_validator.Validate(null, new RiskOptions()).Succeeded);
    }

    [Theory]
    [InlineData(30, 30, 2, true)]   // position may equal exposure
    [InlineData(40, 30, 2, false)]  // position above exposure
    [InlineData(4, 30, 3.9, true)]  // daily loss just below position
    [InlineData(4, 30, 4, false)]   // daily loss equal to position
    [InlineData(4, 30, 5, false)]   // daily loss above position
    public void Cross_field_limits_are_checked(double maxPosition, double maxExposure, double maxDailyLoss, bool valid)
    {
        var options = new RiskOptions { MaxPositionPct = maxPosition, MaxExposurePct = maxExposure, MaxDailyLossPct = maxDailyLoss };

        Assert.Equal(valid, _validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Position_above_exposure_names_both_keys()
    {
        var result = _validator.Validate(null, new RiskOptions { MaxPositionPct = 40, MaxExposurePct = 30 });

        Assert.Equal(["Risk:MaxPositionPct (40) must not exceed Risk:MaxExposurePct (30)."], result.Failures);
    }

    [Fact]
    public void Daily_loss_not_below_position_names_both_keys()
    {
        var result = _validator.Validate(null, new RiskOptions { MaxDailyLossPct = 5, MaxPositionPct = 4 });

        Assert.Equal(["Risk:MaxDailyLossPct (5) must be below Risk:MaxPositionPct (4)."], result.Failures);
    }

    [Fact]
    public void Reports_every_broken_rule_at_once()
    {
        var result = _validator.Validate(null, new RiskOptions { MaxPositionPct = 50, MaxExposurePct = 30, MaxDailyLossPct = 60 });

        Assert.Equal(2, result.Failures!.Count());
    }
}
