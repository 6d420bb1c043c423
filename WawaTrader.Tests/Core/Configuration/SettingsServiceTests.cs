using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Configuration;

public abstract class SettingsServiceTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : SettingsServiceTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : SettingsServiceTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_valid_change_is_effective_stored_and_recorded_as_one_history_row_per_field()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);

        var result = await h.SaveAsync("Risk", ("MaxPositionPct", "12.5"), ("MaxTradesPerDay", "25"), ("MinConfidence", "70"));

        Assert.True(result.Succeeded);
        Assert.Equal("12.5", h.Configuration["Risk:MaxPositionPct"]);
        Assert.Equal(25, (int)h.Service.Get(SettingsHarness.Category("Risk"))["MaxTradesPerDay"].Value!);
        var history = await h.Service.GetHistoryAsync("Risk", 10, None);
        Assert.Equal(2, history.Count);
        Assert.Contains(history, c => c is { Field: "MaxPositionPct", OldValue: "10", NewValue: "12.5", Source: SettingSource.Api, RevertedChangeId: null });
        Assert.Contains(history, c => c is { Field: "MaxTradesPerDay", OldValue: "10", NewValue: "25" });
        Assert.All(history, c => Assert.Equal(h.Database.Time.GetUtcNow().UtcDateTime, c.Time));
    }

    [Fact]
    public async Task An_out_of_range_value_is_refused_for_its_field_naming_the_key_and_nothing_is_saved()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);

        var result = await h.SaveAsync("Risk", ("MaxTradesPerDay", "0"), ("MinConfidence", "50"));

        Assert.False(result.Succeeded);
        Assert.Equal(["MaxTradesPerDay"], result.Errors.Keys);
        Assert.Equal("Most orders per market day (Risk:MaxTradesPerDay) is 0; it must be between 1 and 10000 orders.", Assert.Single(result.Errors["MaxTradesPerDay"]));
        Assert.Equal("70", h.Configuration["Risk:MinConfidence"]);
        Assert.Empty(await h.Service.GetHistoryAsync(null, 10, None));
        Assert.Empty(await h.Store.GetAllAsync(None));
    }

    [Fact]
    public async Task A_cross_field_rule_is_reported_on_each_field_it_names_and_nothing_is_saved()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);

        var result = await h.SaveAsync("Risk", ("MaxDailyLossPct", "12"));

        Assert.False(result.Succeeded);
        Assert.Equal(new[] { "MaxDailyLossPct", "MaxPositionPct" }, result.Errors.Keys.Order());
        Assert.Contains("Risk:MaxDailyLossPct (12) must be below Risk:MaxPositionPct (10)", result.Errors["MaxDailyLossPct"][0]);
        Assert.Equal("2", h.Configuration["Risk:MaxDailyLossPct"]);
    }

    [Theory]
    [InlineData("Risk", "MaxTradesPerDay", "many", "(Risk:MaxTradesPerDay) must be a whole number")]
    [InlineData("Risk", "MaxPositionPct", "NaN", "(Risk:MaxPositionPct) must be a number")]
    [InlineData("Llm", "AskWhen", "Sometimes", "(Llm:AskWhen) must be one of Signal, Always, Never")]
    [InlineData("Trading", "StartOnLaunch", "maybe", "(Trading:StartOnLaunch) must be true or false")]
    [InlineData("Risk", "Leverage", "2", "Risk:Leverage is not a setting of Risk")]
    public async Task A_value_that_cannot_be_read_is_refused_naming_the_key(string category, string field, string value, string message)
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);

        var result = await h.SaveAsync(category, (field, value));

        Assert.Contains(message, Assert.Single(result.Errors[field]));
        Assert.Empty(await h.Store.GetAllAsync(None));
    }

    [Fact]
    public async Task Validate_reports_the_same_errors_without_saving()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);

        var result = h.Service.Validate(SettingsHarness.Category("Risk"), new Dictionary<string, string?> { ["MaxExposurePct"] = "5" });

        Assert.Contains("must not exceed Risk:MaxExposurePct", result.Errors["MaxExposurePct"][0]);
        Assert.Empty(await h.Store.GetAllAsync(None));
    }

    [Fact]
    public async Task Saving_the_current_values_records_nothing()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);

        var result = await h.SaveAsync("Risk", ("MaxPositionPct", "10.0"), ("MaxTradesPerDay", "10"));

        Assert.True(result.Succeeded);
        Assert.Empty(result.Changes);
        Assert.Empty(await h.Service.GetHistoryAsync(null, 10, None));
    }

    [Fact]
    public async Task Revert_applies_the_old_value_and_records_a_new_change_pointing_at_the_reverted_one()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        var change = Assert.Single((await h.SaveAsync("Risk", ("MaxExposurePct", "50"))).Changes);

        var result = await h.Service.RevertAsync(change.Id, None);

        Assert.True(result!.Succeeded);
        var revert = Assert.Single(result.Changes);
        Assert.Equal(("MaxExposurePct", "50", "30", SettingSource.Revert, (long?)change.Id),
            (revert.Field, revert.OldValue, revert.NewValue, revert.Source, revert.RevertedChangeId));
        Assert.Equal("30", h.Configuration["Risk:MaxExposurePct"]);
        Assert.Equal(2, (await h.Service.GetHistoryAsync("risk", 10, None)).Count);
    }

    [Fact]
    public async Task Revert_is_validated_like_any_change()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        var exposure = Assert.Single((await h.SaveAsync("Risk", ("MaxExposurePct", "50"))).Changes);
        await h.SaveAsync("Risk", ("MaxPositionPct", "40"));

        var result = await h.Service.RevertAsync(exposure.Id, None);

        Assert.False(result!.Succeeded);
        Assert.Contains("Risk:MaxPositionPct (40) must not exceed Risk:MaxExposurePct (30)", result.Errors["MaxExposurePct"][0]);
        Assert.Equal("50", h.Configuration["Risk:MaxExposurePct"]);
    }

    [Fact]
    public async Task Revert_of_an_unknown_change_is_null()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);

        Assert.Null(await h.Service.RevertAsync(999, None));
    }

    [Fact]
    public async Task A_secret_is_stored_protected_applied_to_configuration_and_never_returned_or_recorded()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        const string key = "sk-live-very-secret-123";

        var result = await h.SaveAsync("Llm", ("ApiKey", key));

        Assert.True(result.Succeeded);
        Assert.Equal(key, h.Configuration["Llm:ApiKey"]);
        var stored = Assert.Single(await h.Store.GetAllAsync(None));
        Assert.DoesNotContain(key, stored.Value);
        Assert.Equal(key, h.Protector.Unprotect(stored.Value!));
        var change = Assert.Single(await h.Service.GetHistoryAsync(null, 10, None));
        Assert.Equal((null, SettingsService.SecretChanged), (change.OldValue, change.NewValue));
        var shown = h.Service.Get(SettingsHarness.Category("Llm"))["ApiKey"];
        Assert.Equal((true, (object?)null, (string?)null), (shown.IsSet, shown.Value, shown.Text));
        Assert.DoesNotContain(h.Logger.Messages, m => m.Contains(key));
    }

    [Fact]
    public async Task An_empty_secret_clears_it_and_a_missing_one_keeps_it()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        await h.SaveAsync("Alerts", ("SmtpPassword", "hunter2"));

        await h.SaveAsync("Alerts", ("SmtpPassword", null), ("SmtpPort", "465"));
        Assert.Equal("hunter2", h.Configuration["Alerts:SmtpPassword"]);
        var cleared = await h.SaveAsync("Alerts", ("SmtpPassword", ""));

        Assert.Equal(SettingsService.SecretCleared, Assert.Single(cleared.Changes).NewValue);
        Assert.False(h.Service.Get(SettingsHarness.Category("Alerts"))["SmtpPassword"].IsSet);
        Assert.DoesNotContain(await h.Store.GetAllAsync(None), s => s.Key == "SmtpPassword");
    }

    [Fact]
    public async Task A_secret_change_cannot_be_reverted()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        var change = Assert.Single((await h.SaveAsync("Llm", ("ApiKey", "k1"))).Changes);

        var result = await h.Service.RevertAsync(change.Id, None);

        Assert.Contains("cannot be reverted", result!.Errors["ApiKey"][0]);
        Assert.Equal("k1", h.Configuration["Llm:ApiKey"]);
    }

    [Fact]
    public async Task A_secret_is_part_of_the_cross_field_rules_without_being_shown()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);

        var refused = await h.SaveAsync("Alerts", ("SlackEnabled", "true"));
        var accepted = await h.SaveAsync("Alerts", ("SlackEnabled", "true"), ("SlackWebhookUrl", "https://hooks.slack.test/T000/B000/xyz"));

        Assert.Contains("Alerts:SlackWebhookUrl is required", refused.Errors["SlackWebhookUrl"][0]);
        Assert.True(accepted.Succeeded);
        Assert.DoesNotContain(accepted.Changes, c => c.NewValue!.Contains("hooks.slack"));
    }

    [Fact]
    public async Task Options_monitor_sees_a_save_immediately()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        using var services = new ServiceCollection().AddRisk(h.Configuration).BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<RiskOptions>>();
        Assert.Equal(10, monitor.CurrentValue.MaxPositionPct);

        await h.SaveAsync("Risk", ("MaxPositionPct", "15"));

        Assert.Equal(15, monitor.CurrentValue.MaxPositionPct);
    }

    [Fact]
    public async Task A_saved_watchlist_shorter_than_the_default_replaces_it_rather_than_merging()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        using var services = new ServiceCollection().AddTradingOptions(h.Configuration).BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<TradingOptions>>();

        var result = await h.SaveAsync("Trading", ("Watchlist", "[\"tsla\", \" ibm \"]"));

        Assert.True(result.Succeeded);
        Assert.Equal(["TSLA", "IBM"], monitor.CurrentValue.Watchlist);
        Assert.Equal("[\"TSLA\",\"IBM\"]", Assert.Single(result.Changes).NewValue);
        Assert.Equal(["TSLA", "IBM"], (string[])h.Service.Get(SettingsHarness.Category("Trading"))["Watchlist"].Value!);
    }

    [Fact]
    public async Task An_empty_watchlist_is_refused()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);

        var result = await h.SaveAsync("Trading", ("Watchlist", "[]"));

        Assert.True(result.Errors.ContainsKey("Watchlist"));
    }

    [Fact]
    public async Task Saved_values_and_secrets_survive_a_restart()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        await h.SaveAsync("Risk", ("MaxTradesPerDay", "42"));
        await h.SaveAsync("Trading", ("Watchlist", "TSLA,IBM"));
        await h.SaveAsync("Llm", ("ApiKey", "k-restart"));

        await h.RestartAsync();

        Assert.Equal("42", h.Configuration["Risk:MaxTradesPerDay"]);
        Assert.Equal(["TSLA", "IBM"], (string[])h.Service.Get(SettingsHarness.Category("Trading"))["Watchlist"].Value!);
        Assert.Equal("k-restart", h.Configuration["Llm:ApiKey"]);
        Assert.Empty(h.Service.Problems);
    }

    [Theory]
    [InlineData("MaxPositionPct", "abc", "10")]
    [InlineData("MaxPositionPct", "250", "10")]
    [InlineData("MaxTradesPerDay", "0", "10")]
    public async Task An_invalid_stored_value_falls_back_to_the_default_and_is_reported_and_logged(string field, string bad, string fallback)
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        await h.SaveAsync("Risk", ("MinConfidence", "55"));
        await h.Database.ScalarAsync($"INSERT INTO settings (agent, category, key, value) VALUES ('default', 'Risk', '{field}', '{bad}')");

        await h.RestartAsync();

        Assert.Equal(fallback, h.Configuration[$"Risk:{field}"]);
        Assert.Equal("55", h.Configuration["Risk:MinConfidence"]);
        var problem = Assert.Single(h.Service.Get(SettingsHarness.Category("Risk")).Problems);
        Assert.Equal(field, problem.Field);
        Assert.Contains($"'{bad}' of Risk:{field} was not applied", problem.Message);
        Assert.Contains(h.Logger.Messages, m => m.Contains($"Risk:{field}"));
    }

    [Fact]
    public async Task A_stored_value_breaking_a_cross_field_rule_with_the_defaults_is_dropped()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        await h.Database.ScalarAsync("INSERT INTO settings (agent, category, key, value) VALUES ('default', 'Risk', 'MaxPositionPct', '1.5')");

        await h.RestartAsync();

        Assert.Equal("10", h.Configuration["Risk:MaxPositionPct"]);
        Assert.Contains("must be below Risk:MaxPositionPct", Assert.Single(h.Service.Problems).Message);
    }

    [Fact]
    public async Task A_stored_secret_that_cannot_be_decrypted_is_ignored_and_reported_without_its_text()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        await h.Database.ScalarAsync("INSERT INTO settings (agent, category, key, value) VALUES ('default', 'Llm', 'ApiKey', 'garbled-ciphertext')");

        await h.RestartAsync();

        Assert.Null(h.Configuration["Llm:ApiKey"]);
        var problem = Assert.Single(h.Service.Problems);
        Assert.Contains("could not be decrypted", problem.Message);
        Assert.DoesNotContain("garbled", problem.Message);
    }

    [Fact]
    public async Task Saving_a_field_clears_its_start_up_problem()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        await h.Database.ScalarAsync("INSERT INTO settings (agent, category, key, value) VALUES ('default', 'Risk', 'MaxTradesPerDay', 'x')");
        await h.RestartAsync();

        await h.SaveAsync("Risk", ("MaxTradesPerDay", "12"));

        Assert.Empty(h.Service.Problems);
    }

    [Fact]
    public async Task A_key_set_by_the_environment_is_shown_as_overridden_and_a_change_is_refused_but_echoing_it_is_fine()
    {
        await using var h = await SettingsHarness.CreateAsync(new() { ["Risk:MaxTradesPerDay"] = "50" }, Provider);
        var category = SettingsHarness.Category("Risk");

        var refused = await h.SaveAsync("Risk", ("MaxTradesPerDay", "60"));
        var echoed = await h.SaveAsync("Risk", ("MaxTradesPerDay", "50"), ("MinConfidence", "60"));

        Assert.True(h.Service.Get(category)["MaxTradesPerDay"].IsOverridden);
        Assert.False(h.Service.Get(category)["MinConfidence"].IsOverridden);
        Assert.Contains("set by the environment", refused.Errors["MaxTradesPerDay"][0]);
        Assert.True(echoed.Succeeded);
        Assert.Equal("MinConfidence", Assert.Single(echoed.Changes).Field);
        Assert.Equal("50", h.Configuration["Risk:MaxTradesPerDay"]);
    }

    [Fact]
    public async Task Changed_is_raised_with_the_recorded_changes()
    {
        await using var h = await SettingsHarness.CreateAsync(provider: Provider);
        IReadOnlyList<SettingChange>? seen = null;
        h.Service.Changed += changes => seen = changes;

        var result = await h.SaveAsync("Backtesting", ("SlippageBps", "3"));

        Assert.Equal(result.Changes, seen);
        Assert.True(seen![0].Id > 0);
    }
}
