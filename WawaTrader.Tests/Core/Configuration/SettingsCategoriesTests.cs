using Microsoft.Extensions.Configuration;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Tests.Core.Configuration;

public sealed class SettingsCategoriesTests
{
    [Fact]
    public void The_categories_are_the_settings_sections()
    {
        Assert.Equal(["Risk", "Trading", "Llm", "Alerts", "Backtesting", "Market", "Alpaca"], SettingsCategories.All.Select(c => c.Name));
    }

    [Theory]
    [InlineData("risk", "Risk")]
    [InlineData("LLM", "Llm")]
    [InlineData("backtesting", "Backtesting")]
    public void Categories_are_found_case_insensitively(string name, string expected)
    {
        Assert.Equal(expected, SettingsCategories.Find(name)?.Name);
    }

    [Fact]
    public void Unknown_category_is_not_found()
    {
        Assert.Null(SettingsCategories.Find("Paper"));
    }

    [Fact]
    public void Every_category_is_valid_with_its_code_defaults()
    {
        var empty = new ConfigurationBuilder().Build();
        var defaults = SettingsCategories.All
            .Where(c => c.Name != "Trading") // the watchlist default is applied by AddTrading, not by the options class
            .ToDictionary(c => c.Name, c => c.Validate(c.Bind(empty)));

        Assert.All(defaults, d => Assert.Empty(d.Value));
    }

    [Theory]
    [InlineData("Llm", "ApiKey")]
    [InlineData("Alerts", "SmtpPassword")]
    [InlineData("Alerts", "SlackWebhookUrl")]
    public void Secrets_are_marked(string category, string field)
    {
        Assert.True(SettingsCategories.Find(category)!.Field(field)!.IsSecret);
    }

    [Fact]
    public void No_field_clashes_with_the_read_only_members_of_the_api_object()
    {
        var names = SettingsCategories.All.SelectMany(c => c.Fields).Select(f => f.JsonName).ToList();

        Assert.DoesNotContain("overridden", names);
        Assert.DoesNotContain("problems", names);
        Assert.DoesNotContain(SettingsCategories.All.SelectMany(c => c.Fields.Where(f => f.IsSecret)), s => names.Contains(s.JsonName + "Set"));
    }

    [Fact]
    public void Computed_properties_are_not_fields()
    {
        Assert.Null(SettingsCategories.Find("Trading")!.Field("Interval"));
        Assert.NotNull(SettingsCategories.Find("Trading")!.Field("IntervalSeconds"));
    }

    [Theory]
    [InlineData("Trading", "Market", true)]
    [InlineData("Trading", "Broker", true)]
    [InlineData("Trading", "CsvFolder", true)]
    [InlineData("Trading", "IntervalSeconds", false)]
    [InlineData("Risk", "MaxPositionPct", false)]
    public void Fields_read_only_at_start_up_say_they_apply_after_a_restart(string category, string name, bool restart)
    {
        var field = SettingsCategories.Find(category)!.Field(name)!;

        Assert.Equal(restart, field.RequiresRestart);
    }
}
