using System.ComponentModel.DataAnnotations;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Configuration;

/// <summary>Every setting the Settings page and the API expose describes itself: a new one without a label, unit or help fails here.</summary>
public sealed class SettingDescriptionTests
{
    public static TheoryData<string, string> EveryField()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in SettingsCategories.All.SelectMany(c => c.Fields)) data.Add(field.Category, field.Name);
        return data;
    }

    private static SettingField Field(string category, string name) => SettingsCategories.Find(category)!.Field(name)!;

    [Theory]
    [MemberData(nameof(EveryField))]
    public void Every_setting_has_a_label_a_unit_and_one_line_of_help(string category, string name)
    {
        var description = Field(category, name).Description;

        Assert.False(string.IsNullOrWhiteSpace(description.Label), $"{category}:{name} has no [Display(Name = ...)]");
        Assert.True(description.Unit is not null, $"{category}:{name} has no [Unit(...)] (use Units.None when it has none)");
        Assert.False(string.IsNullOrWhiteSpace(description.Help), $"{category}:{name} has no [Display(Description = ...)]");
        Assert.DoesNotContain('\n', description.Help!);
    }

    [Theory]
    [MemberData(nameof(EveryField))]
    public void Every_percent_and_duration_setting_has_a_range(string category, string name)
    {
        var field = Field(category, name);
        if (field.Description.Unit != Units.Percent && !field.Description.IsDuration(field.ValueType)) return;

        Assert.NotNull(field.Description.Range);
    }

    [Fact]
    public void Labels_are_unique_within_a_category()
    {
        foreach (var category in SettingsCategories.All)
            Assert.Equal(category.Fields.Count, category.Fields.Select(f => f.Label).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void The_description_comes_from_the_attributes_on_the_options_property()
    {
        var field = Field("Risk", nameof(RiskOptions.MaxPositionPct));

        Assert.Equal("Largest position, % of equity", field.Label);
        Assert.Equal("Largest position", field.Description.ShortLabel);
        Assert.Equal(Units.Percent, field.Description.Unit);
        Assert.Equal((0.1, 100.0), ((double)field.Description.Range!.Minimum, (double)field.Description.Range.Maximum));
        Assert.Equal(SettingApplies.NextDecision, field.Description.Applies);
        Assert.Equal(new RiskOptions().MaxPositionPct, field.Default);
    }

    [Fact]
    public void A_property_read_at_start_up_applies_after_a_restart_whatever_its_class_says()
    {
        Assert.Equal(SettingApplies.AfterRestart, Field("Trading", "Market").Description.Applies);
        Assert.Equal(SettingApplies.NextCycle, Field("Trading", "IntervalSeconds").Description.Applies);
        Assert.Equal(SettingApplies.NextDecision, Field("Trading", "PositionSizePct").Description.Applies);
    }

    [Fact]
    public void A_key_only_secret_is_described_by_the_constant_that_names_it()
    {
        Assert.Equal("Model server API key", Field("Llm", "ApiKey").Label);
    }

    [Fact]
    public void The_default_watchlist_is_the_one_the_trading_capability_applies()
    {
        Assert.Equal(WawaTrader.Core.Trading.TradingOptions.DefaultWatchlist, (string[])Field("Trading", "Watchlist").Default!);
    }

    [Fact]
    public void A_member_without_attributes_has_no_description()
    {
        var description = SettingDescription.Of(typeof(Undescribed).GetProperty(nameof(Undescribed.Plain)), typeof(Undescribed));

        Assert.Equal((null, null, null), (description.Label, description.Unit, description.Help));
        Assert.Equal("Undescribed:Plain", description.Named("Undescribed:Plain"));
    }

    private sealed class Undescribed
    {
        [Range(1, 2)] public int Plain { get; set; } = 1;
    }
}
