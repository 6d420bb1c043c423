using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Web.Api;

/// <summary>GET /api/export/{kind} through the real app and a real SQLite file.</summary>
public abstract class ExportApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : ExportApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : ExportApiTests(TestProvider.Postgres);

    private async Task<(WawaTraderAppFactory App, HttpClient Client, IDecisionJournal Journal)> StartAsync()
    {
        var app = App(LlmApiTests.Quiet);
        var client = app.CreateClient();
        return (app, client, app.Services.GetRequiredService<IDecisionJournal>());
    }

    /// <summary>Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes and line breaks).</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString()); field.Clear();
                records.Add(fields); fields = [];
                i++;
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); records.Add(fields); }
        return records;
    }

    [Fact]
    public async Task Decisions_csv_has_a_header_and_quotes_text_with_commas_quotes_and_line_breaks()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        const string reasoning = "Bullish, \"strong\" momentum\nand volume";
        var decision = Decision("SPY", time: MarketOpen) with { Reasoning = reasoning, Action = TradeAction.Buy, Confidence = 72.5 };
        await journal.RecordDecisionAsync(decision, CancellationToken.None);

        using var response = await client.GetAsync("/api/export/decisions?format=csv");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("id,time,barTime,symbol,action,confidence,source,approved,reasoning,", text, StringComparison.Ordinal);
        Assert.Contains("\"Bullish, \"\"strong\"\" momentum\nand volume\"", text, StringComparison.Ordinal);
        var records = ParseCsv(text);
        Assert.Equal(2, records.Count);
        var header = records[0];
        var row = records[1];
        Assert.Equal(header.Count, row.Count);
        string Field(string name) => row[header.IndexOf(name)];
        Assert.Equal((decision.Id.ToString(), "2024-03-15T13:30:00Z", "SPY", "Buy", "72.5", reasoning),
            (Field("id"), Field("time"), Field("symbol"), Field("action"), Field("confidence"), Field("reasoning")));
        Assert.Equal("Confidence 55.5 is below 60", Field("failedRiskChecks"));
    }

    [Fact]
    public async Task Is_an_attachment_named_for_the_kind_and_today()
    {
        var (app, client, _) = await StartAsync();
        await using var __ = app;
        using var ___ = client;
        var today = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await client.GetAsync("/api/export/trades?format=json");

        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"wawatrader-trades-{today}.json", disposition.FileNameStar ?? disposition.FileName?.Trim('"'));
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Trades_json_is_a_camel_case_array_filtered_by_order_time_from_inclusive_to_exclusive()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        var fills = new Dictionary<int, Fill>();
        foreach (var minute in new[] { 0, 1, 2 })
        {
            var fill = new Fill(MarketOpen.AddMinutes(minute).AddSeconds(30), 10m + minute, 100.25m, 0.5m);
            await journal.RecordDecisionAsync(
                Decision("SPY", time: MarketOpen.AddMinutes(minute), withOrder: true, status: OrderStatus.Filled, fills: [fill]), CancellationToken.None);
        }

        var json = await client.GetStringAsync("/api/export/trades?format=json&from=2024-03-15T13:31:00Z&to=2024-03-15T13:32:00Z");

        using var document = JsonDocument.Parse(json);
        var trade = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(["clientOrderId", "decisionId", "symbol", "side", "quantity", "price", "commission", "time", "agent"],
            trade.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("SPY", "Buy", 11m, 100.25m), (trade.GetProperty("symbol").GetString(), trade.GetProperty("side").GetString(),
            trade.GetProperty("quantity").GetDecimal(), trade.GetProperty("price").GetDecimal()));
    }

    [Fact]
    public async Task Llm_json_is_the_interactions_of_the_range_without_keys()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        var inRange = Decision("SPY", time: MarketOpen.AddDays(1)).WithModel(endpoint: "https://user:sk-secret@api.example.com/v1");
        var before = Decision("SPY", time: MarketOpen).WithModel();
        await journal.RecordDecisionAsync(before, CancellationToken.None);
        await journal.RecordDecisionAsync(inRange, CancellationToken.None);

        var json = await client.GetStringAsync("/api/export/llm?format=json&from=2024-03-16");

        using var document = JsonDocument.Parse(json);
        var interaction = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(inRange.Interaction!.Id, interaction.GetProperty("id").GetGuid());
        Assert.Equal(inRange.Interaction.Prompt, interaction.GetProperty("prompt").GetString());
        Assert.Equal("Buy", interaction.GetProperty("parsed").GetProperty("action").GetString());
        Assert.DoesNotContain("sk-secret", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Llm_exports_carry_the_limit_price_the_model_asked_for()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        var limit = Decision("SPY", time: MarketOpen).WithModel(parsed: new LlmVerdict(TradeAction.Buy, 80, "Buy the dip") { LimitPrice = 187.2345m });
        var market = Decision("MSFT", time: MarketOpen.AddMinutes(1)).WithModel();
        foreach (var d in new[] { limit, market }) await journal.RecordDecisionAsync(d, CancellationToken.None);

        var records = ParseCsv(await client.GetStringAsync("/api/export/llm?format=csv"));
        var json = await client.GetFromJsonAsync<JsonElement>("/api/export/llm?format=json");

        var header = records[0];
        var rows = records.Skip(1).ToDictionary(r => r[header.IndexOf("decisionId")]);
        Assert.Equal("187.2345", rows[limit.Id.ToString()][header.IndexOf("parsedLimitPrice")]);
        Assert.Equal("", rows[market.Id.ToString()][header.IndexOf("parsedLimitPrice")]);
        var parsed = json.EnumerateArray().ToDictionary(i => i.GetProperty("decisionId").GetGuid(), i => i.GetProperty("parsed"));
        Assert.Equal(187.2345m, parsed[limit.Id].GetProperty("limitPrice").GetDecimal());
        Assert.True(!parsed[market.Id].TryGetProperty("limitPrice", out var none) || none.ValueKind == JsonValueKind.Null, "a market verdict has no limit price");
    }

    [Fact]
    public async Task Llm_csv_says_why_a_repeated_failures_prompt_is_empty_and_which_decision_kept_it()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        var kept = Decision("SPY", time: MarketOpen).WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, error: "Connection refused");
        var repeated = Decision("MSFT", time: MarketOpen.AddDays(1))
            .WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, error: "Connection refused", prompt: "");
        var answered = Decision("SPY", time: MarketOpen.AddDays(1).AddMinutes(1)).WithModel();
        foreach (var d in new[] { kept, repeated, answered }) await journal.RecordDecisionAsync(d, CancellationToken.None);

        // The range starts after the call that kept the prompt: the note still names it.
        var records = ParseCsv(await client.GetStringAsync("/api/export/llm?format=csv&from=2024-03-16"));
        var json = await client.GetFromJsonAsync<JsonElement>("/api/export/llm?format=json&from=2024-03-16");

        var header = records[0];
        Assert.Equal(["prompt", "promptNote", "rawResponse"], header.Skip(header.IndexOf("prompt")).Take(3));
        var rows = records.Skip(1).ToDictionary(r => r[header.IndexOf("decisionId")]);
        var note = $"Prompt not kept: a repeated failure; decision {kept.Id}, the first failed call of this run of identical failures, keeps it.";
        Assert.Equal(("", note), (rows[repeated.Id.ToString()][header.IndexOf("prompt")], rows[repeated.Id.ToString()][header.IndexOf("promptNote")]));
        Assert.Equal((answered.Interaction!.Prompt, ""), (rows[answered.Id.ToString()][header.IndexOf("prompt")], rows[answered.Id.ToString()][header.IndexOf("promptNote")]));
        Assert.Equal(note, json.EnumerateArray().Single(i => i.GetProperty("decisionId").GetGuid() == repeated.Id).GetProperty("promptNote").GetString());
    }

    [Fact]
    public async Task Snapshots_csv_writes_numbers_in_the_invariant_culture()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        await journal.RecordSnapshotAsync(new PerformanceSnapshot(MarketOpen, MarketOpen, 1234.5m, 100000.25m, 5000m, -12.75m), CancellationToken.None);

        var text = await client.GetStringAsync("/api/export/snapshots?format=csv");

        Assert.Equal("time,marketTime,cash,equity,exposure,dayPnl\r\n2024-03-15T13:30:00Z,2024-03-15T13:30:00Z,1234.5,100000.25,5000,-12.75\r\n", text);
    }

    [Theory]
    [InlineData("/api/export/orders?format=csv", "kind")]
    [InlineData("/api/export/trades?format=xml", "format")]
    [InlineData("/api/export/trades?format=csv&from=yesterday", "from")]
    [InlineData("/api/export/trades?format=csv&from=2024-03-02&to=2024-03-01", "to")]
    public async Task Bad_parameters_are_a_validation_problem_naming_the_parameter(string url, string parameter)
    {
        var (app, client, _) = await StartAsync();
        await using var __ = app;
        using var ___ = client;

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
    }
}
