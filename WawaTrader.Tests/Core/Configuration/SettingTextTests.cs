using WawaTrader.Core.Configuration;

namespace WawaTrader.Tests.Core.Configuration;

public sealed class SettingTextTests
{
    private static SettingField Field(string category, string name) => SettingsCategories.Find(category)!.Field(name)!;

    [Theory]
    [InlineData("Risk", "MaxPositionPct", "10", "10%")]
    [InlineData("Risk", "MaxTradesPerDay", "1", "1 order")]
    [InlineData("Risk", "MaxTradesPerDay", "25", "25 orders")]
    [InlineData("Backtesting", "SlippageBps", "1.5", "1.5 bps")]
    [InlineData("Backtesting", "InitialCash", "100000", "$100000")]
    [InlineData("Trading", "IntervalSeconds", "120", "2 min")]
    [InlineData("Llm", "TimeoutSeconds", "20", "20 s")]
    [InlineData("Alerts", "GroupWindow", "00:01:30", "1 min 30 s")]
    [InlineData("Alerts", "DedupMinutes", "90", "1 h 30 min")]
    [InlineData("Trading", "StartOnLaunch", "false", "off")]
    [InlineData("Trading", "Watchlist", "[\"SPY\",\"QQQ\"]", "SPY, QQQ")]
    public void A_value_is_shown_with_its_unit(string category, string name, string text, string shown)
    {
        Assert.Equal(shown, SettingText.Text(Field(category, name), text));
    }

    [Theory]
    [InlineData("20 s", 20)]
    [InlineData("20s", 20)]
    [InlineData("2 min", 120)]
    [InlineData("1 h 30 min", 5400)]
    [InlineData("500 ms", 0.5)]
    [InlineData("00:02:00", 120)]
    [InlineData("7", 7)]
    public void Durations_are_read_as_a_user_types_them(string text, double seconds)
    {
        Assert.True(SettingText.TryParseDuration(text, Units.Seconds, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("2 weeks")]
    [InlineData("-3 s")]
    [InlineData("")]
    public void Text_that_is_not_a_duration_is_refused(string text)
    {
        Assert.False(SettingText.TryParseDuration(text, Units.Seconds, out _));
    }

    [Fact]
    public void A_bare_number_of_a_minutes_setting_is_minutes()
    {
        Assert.True(SettingText.TryParseDuration("15", Units.Minutes, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(15), duration);
        Assert.Equal("15", SettingText.DurationSetting(Field("Alerts", "DedupMinutes"), duration));
        Assert.Null(SettingText.DurationSetting(Field("Alerts", "DedupMinutes"), TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("Risk", "MaxPositionPct", "0.1% to 100%")]
    [InlineData("Risk", "MaxTradesPerDay", "1 to 10000 orders")]
    [InlineData("Alerts", "GroupWindow", "1 s to 1 h")]
    [InlineData("Backtesting", "MinCommission", "$0 to $1000")]
    public void A_range_is_written_in_the_unit(string category, string name, string range)
    {
        Assert.Equal(range, SettingText.Range(Field(category, name)));
    }

    [Fact]
    public void A_change_line_names_the_setting_its_values_in_units_and_when_it_applies()
    {
        var change = new SettingChange(0, DateTime.UnixEpoch, "Risk", "MaxPositionPct", "10", "5", SettingSource.Ui, null);

        Assert.Equal("Largest position 10% → 5%: applies to the next decision", SettingText.Change(Field("Risk", "MaxPositionPct"), change));
    }

    [Fact]
    public void A_secret_change_line_never_shows_a_value()
    {
        var change = new SettingChange(0, DateTime.UnixEpoch, "Alerts", "SlackWebhookUrl", null, SettingsService.SecretCleared, SettingSource.Ui, null);

        Assert.Equal("Slack webhook cleared: applies to the next alert", SettingText.Change(Field("Alerts", "SlackWebhookUrl"), change));
    }

    [Fact]
    public void A_change_of_a_setting_read_at_start_up_says_it_applies_after_a_restart()
    {
        var change = new SettingChange(0, DateTime.UnixEpoch, "Trading", "Market", "Simulated", "Csv", SettingSource.Ui, null);

        Assert.Equal("Market Simulated → Csv: applies after a restart", SettingText.Change(Field("Trading", "Market"), change));
    }
}
