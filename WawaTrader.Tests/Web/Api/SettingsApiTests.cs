using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Risk;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

public abstract class SettingsApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : SettingsApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : SettingsApiTests(TestProvider.Postgres);

    private static readonly Dictionary<string, string?> Stopped = new() { ["Trading:StartOnLaunch"] = "false" };

    [Fact]
    public async Task A_valid_put_is_returned_by_get_and_reaches_the_running_options_at_once()
    {
        await using var app = App(Stopped);
        using var client = app.CreateClient();

        var response = await client.PutAsJsonAsync("/api/settings/risk", new { maxPositionPct = 12.5, maxTradesPerDay = 20 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var risk = await client.GetFromJsonAsync<JsonElement>("/api/settings/Risk");
        Assert.Equal(12.5, risk.GetProperty("maxPositionPct").GetDouble());
        Assert.Equal(20, risk.GetProperty("maxTradesPerDay").GetInt32());
        Assert.Equal(2, risk.GetProperty("maxDailyLossPct").GetDouble());
        var current = app.Services.GetRequiredService<IOptionsMonitor<RiskOptions>>().CurrentValue;
        Assert.Equal((12.5, 20), (current.MaxPositionPct, current.MaxTradesPerDay));
    }

    [Fact]
    public async Task An_invalid_put_is_a_validation_problem_per_field_and_saves_nothing()
    {
        await using var app = App(Stopped);
        using var client = app.CreateClient();

        var response = await client.PutAsJsonAsync("/api/settings/Risk", new { maxTradesPerDay = 0, maxDailyLossPct = 15, minConfidence = 50 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("Risk:MaxTradesPerDay", errors.GetProperty("maxTradesPerDay")[0].GetString());
        Assert.Contains("Risk:MaxDailyLossPct (15) must be below Risk:MaxPositionPct (10)", errors.GetProperty("maxDailyLossPct")[0].GetString());
        Assert.False(errors.TryGetProperty("minConfidence", out _));
        var risk = await client.GetFromJsonAsync<JsonElement>("/api/settings/Risk");
        Assert.Equal(70, risk.GetProperty("minConfidence").GetDouble());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/settings/history")).EnumerateArray());
    }

    [Theory]
    [InlineData("Risk", """{"maxPositionPct":500}""", "maxPositionPct", "Largest position, % of equity (Risk:MaxPositionPct) is 500%; it must be between 0.1% and 100%.")]
    [InlineData("Risk", """{"maxTradesPerDay":0}""", "maxTradesPerDay", "Most orders per market day (Risk:MaxTradesPerDay) is 0; it must be between 1 and 10000 orders.")]
    [InlineData("Alerts", """{"groupWindow":"02:00:00"}""", "groupWindow", "Grouping window (Alerts:GroupWindow) is 2 h; it must be between 1 s and 1 h.")]
    [InlineData("Trading", """{"watchlist":["SPY","not a symbol"]}""", "watchlist", "Watchlist (Trading:Watchlist) has ['NOT A SYMBOL'], which is not a ticker symbol (letters, digits, '.', '-', at most 12).")]
    public async Task A_rule_broken_in_a_put_is_worded_with_the_settings_label_and_unit(string category, string body, string field, string message)
    {
        await using var app = App(Stopped);
        using var client = app.CreateClient();

        var response = await client.PutAsync($"/api/settings/{category}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(message, errors.GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData("""{"maxPositionPct":"ten"}""", "maxPositionPct", "Largest position, % of equity (Risk:MaxPositionPct) must be a number")]
    [InlineData("""{"leverage":2}""", "leverage", "Risk:leverage is not a setting of Risk")]
    [InlineData("""[1,2]""", "", "must be a JSON object")]
    public async Task A_put_that_cannot_be_read_names_the_field(string body, string field, string message)
    {
        await using var app = App(Stopped);
        using var client = app.CreateClient();

        var response = await client.PutAsync("/api/settings/Risk", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData("Risk")]
    [InlineData("Trading")]
    [InlineData("Llm")]
    [InlineData("Alerts")]
    [InlineData("Backtesting")]
    public async Task What_get_returns_can_be_put_back_unchanged(string category)
    {
        await using var app = App(Stopped);
        using var client = app.CreateClient();
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/settings/{category}");

        var response = await client.PutAsJsonAsync($"/api/settings/{category}", before);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/settings/history")).EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_category_is_a_404_problem()
    {
        await using var app = App(Stopped);
        using var client = app.CreateClient();

        var get = await client.GetAsync("/api/settings/Paper");
        var put = await client.PutAsJsonAsync("/api/settings/Paper", new { initialCash = 5 });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, put.StatusCode));
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Risk, Trading, Llm, Alerts, Backtesting", (await get.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task History_lists_each_changed_field_and_revert_records_a_new_change()
    {
        await using var app = App(Stopped);
        using var client = app.CreateClient();
        await client.PutAsJsonAsync("/api/settings/Risk", new { maxExposurePct = 40, minConfidence = 60 });
        await client.PutAsJsonAsync("/api/settings/Llm", new { temperature = 0.7 });

        var risk = await client.GetFromJsonAsync<JsonElement>("/api/settings/history?category=risk&limit=10");
        Assert.Equal(2, risk.GetArrayLength());
        var exposure = risk.EnumerateArray().Single(c => c.GetProperty("field").GetString() == "MaxExposurePct");
        Assert.Equal(("30", "40", "Api"), (exposure.GetProperty("oldValue").GetString(), exposure.GetProperty("newValue").GetString(), exposure.GetProperty("source").GetString()));

        var revert = await client.PostAsync($"/api/settings/history/{exposure.GetProperty("id").GetInt64()}/revert", null);

        Assert.Equal(HttpStatusCode.OK, revert.StatusCode);
        var all = await client.GetFromJsonAsync<JsonElement>("/api/settings/history");
        Assert.Equal(4, all.GetArrayLength());
        Assert.Equal("Revert", all[0].GetProperty("source").GetString());
        Assert.Equal(exposure.GetProperty("id").GetInt64(), all[0].GetProperty("revertedChangeId").GetInt64());
        Assert.Equal(30, (await client.GetFromJsonAsync<JsonElement>("/api/settings/Risk")).GetProperty("maxExposurePct").GetDouble());
        Assert.Equal(30, app.Services.GetRequiredService<IOptionsMonitor<RiskOptions>>().CurrentValue.MaxExposurePct);
    }

    [Fact]
    public async Task Reverting_an_unknown_change_is_a_404_and_bad_history_parameters_are_a_validation_problem()
    {
        await using var app = App(Stopped);
        using var client = app.CreateClient();

        var revert = await client.PostAsync("/api/settings/history/4242/revert", null);
        var history = await client.GetAsync("/api/settings/history?category=Paper&limit=0");

        Assert.Equal(HttpStatusCode.NotFound, revert.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, history.StatusCode);
        var errors = (await history.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("category", out _) && errors.TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task Secrets_are_write_only_and_stored_encrypted()
    {
        await using var app = App(Stopped);
        using var client = app.CreateClient();
        const string key = "sk-test-0123456789abcdef";
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/settings/Llm")).GetProperty("apiKeySet").GetBoolean());

        var response = await client.PutAsJsonAsync("/api/settings/Llm", new { apiKey = key });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var llmText = await client.GetStringAsync("/api/settings/Llm");
        Assert.DoesNotContain(key, llmText);
        Assert.True(JsonDocument.Parse(llmText).RootElement.GetProperty("apiKeySet").GetBoolean());
        Assert.False(JsonDocument.Parse(llmText).RootElement.TryGetProperty("apiKey", out _));
        var history = await client.GetStringAsync("/api/settings/history");
        Assert.DoesNotContain(key, history);
        Assert.Contains("(secret changed)", history);
        Assert.DoesNotContain(key, await ReadSettingsTableAsync(app));
        Assert.True(Directory.EnumerateFiles(Path.Combine(app.DataFolder, "keys"), "*.xml").Any());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(app.DataFolder, "keys")));
    }

    [Fact]
    public async Task A_key_set_by_the_environment_is_reported_as_overridden_and_cannot_be_changed()
    {
        await using var app = App(new Dictionary<string, string?>(Stopped) { ["Risk:MaxTradesPerDay"] = "50" });
        using var client = app.CreateClient();

        var risk = await client.GetFromJsonAsync<JsonElement>("/api/settings/Risk");
        var response = await client.PutAsJsonAsync("/api/settings/Risk", new { maxTradesPerDay = 60 });

        Assert.Contains("maxTradesPerDay", risk.GetProperty("overridden").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("minConfidence", risk.GetProperty("overridden").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("set by the environment", errors.GetProperty("maxTradesPerDay")[0].GetString());
    }

    /// <summary>The settings table as stored, read on the app's own database (either provider).</summary>
    private static async Task<string> ReadSettingsTableAsync(WawaTraderAppFactory app)
    {
        await using var context = await app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContextAsync();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT category || ':' || key || '=' || value FROM settings";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return string.Join(';', rows);
    }
}

/// <summary>Settings across a restart of the app on one database, edited by hand in between.</summary>
[Trait("Category", "Slow")]
public abstract class SettingsApiRestartTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : SettingsApiRestartTests(TestProvider.Sqlite);

    public sealed class OnPostgres() : SettingsApiRestartTests(TestProvider.Postgres);

    private static readonly Dictionary<string, string?> Stopped = new() { ["Trading:StartOnLaunch"] = "false" };

    [Fact]
    public async Task A_bad_stored_value_falls_back_to_the_default_is_reported_and_the_agent_keeps_running_while_good_ones_survive_a_restart()
    {
        await using var storage = Storage();
        await using (var first = storage.App(Stopped))
        {
            using var client = first.CreateClient();
            await client.PutAsJsonAsync("/api/settings/Risk", new { minConfidence = 0 });
        }
        await storage.ExecuteAsync("INSERT INTO settings (agent, category, key, value) VALUES ('default', 'Risk', 'MaxPositionPct', 'lots')");

        await using var second = storage.App();
        using var again = second.CreateClient();

        var risk = await again.GetFromJsonAsync<JsonElement>("/api/settings/Risk");
        Assert.Equal(10, risk.GetProperty("maxPositionPct").GetDouble());
        Assert.Equal(0, risk.GetProperty("minConfidence").GetDouble());
        var problem = Assert.Single(risk.GetProperty("problems").EnumerateArray());
        Assert.Equal("maxPositionPct", problem.GetProperty("field").GetString());
        Assert.Contains("'lots' of Risk:MaxPositionPct was not applied", problem.GetProperty("message").GetString());
        Assert.Equal(10, second.Services.GetRequiredService<IOptionsMonitor<RiskOptions>>().CurrentValue.MaxPositionPct);
        await AgentApiTests.WaitForAsync(again, "/api/decisions?limit=5", d => d.GetArrayLength() >= 1);
        Assert.Equal("Running", (await again.GetFromJsonAsync<JsonElement>("/api/agent")).GetProperty("state").GetString());
    }
}
