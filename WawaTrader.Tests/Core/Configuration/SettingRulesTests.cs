using System.ComponentModel.DataAnnotations;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Tests.Core.Configuration;

public sealed class SettingRulesTests
{
    private sealed class Sample
    {
        [Range(0.1, 100)] public double Pct { get; set; } = 10;
        [Range(1, 10_000)] public int Count { get; set; } = 5;
        [Range(typeof(decimal), "1", "1000000000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] public decimal Cash { get; set; } = 10;
        [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan Delay { get; set; }
        [Required] public string? Name { get; set; } = "x";
        [RegularExpression("^(Simulated|Csv)$", ErrorMessage = "Sample:Market must be Simulated or Csv.")] public string Market { get; set; } = "Csv";
        [MinLength(1)] public string[] Watchlist { get; set; } = ["SPY"];
        [EmailAddress] public string From { get; set; } = "a@b.c";
    }

    [Theory]
    [InlineData(nameof(Sample.Pct), 500.0, "Sample:Pct is 500; it must be between 0.1 and 100.")]
    [InlineData(nameof(Sample.Pct), 0.05, "Sample:Pct is 0.05; it must be between 0.1 and 100.")]
    [InlineData(nameof(Sample.Count), 0, "Sample:Count is 0; it must be between 1 and 10000.")]
    [InlineData(nameof(Sample.Name), null, "Sample:Name is not set; it must be set.")]
    [InlineData(nameof(Sample.Name), " ", "Sample:Name is blank; it must be set.")]
    [InlineData(nameof(Sample.Market), "Moon", "Sample:Market is 'Moon'; it must be Simulated or Csv.")]
    [InlineData(nameof(Sample.From), "nobody", "Sample:From is 'nobody'; it must be an email address.")]
    public void A_broken_rule_names_the_key_the_value_and_what_is_allowed(string property, object? value, string message)
    {
        var options = new Sample();
        typeof(Sample).GetProperty(property)!.SetValue(options, value);

        var problem = Assert.Single(SettingRules.Check(options, "Sample"));

        Assert.Equal((property, message), problem);
    }

    [Fact]
    public void Decimal_and_duration_limits_are_shown_as_written()
    {
        var options = new Sample { Cash = -5, Delay = TimeSpan.FromMinutes(10) };

        var problems = SettingRules.Check(options, "Sample").Select(p => p.Message);

        Assert.Equal(["Sample:Cash is -5; it must be between 1 and 1000000000000.", "Sample:Delay is 00:10:00; it must be between 00:00:00 and 00:01:00."], problems);
    }

    [Fact]
    public void An_empty_list_says_how_many_items_it_needs()
    {
        var problem = Assert.Single(SettingRules.Check(new Sample { Watchlist = [] }, "Sample"));

        Assert.Equal("Sample:Watchlist has 0 item(s); it needs at least 1.", problem.Message);
    }

    [Fact]
    public void Valid_options_have_no_problems() => Assert.Empty(SettingRules.Check(new Sample(), "Sample"));
}
