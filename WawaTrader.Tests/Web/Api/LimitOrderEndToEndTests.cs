using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bunit;
using Xunit.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Fakes;
using WawaTrader.Tests.Web.Components.DecisionPages;
using DecisionDetail = WawaTrader.Web.Components.Pages.DecisionDetail;

namespace WawaTrader.Tests.Web.Api;

/// <summary>
/// The whole app (simulated market, paper broker, the model bridge against the loopback OpenAI-compatible fake): when the model
/// confirms a BUY with <c>"order_type":"limit","limit_price":…</c>, the decision and its order are stored as a limit at that price,
/// the decision page says "Limit at …", and the paper broker fills it at the limit or better on a later bar, or expires it at the
/// end of its New York day.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class LimitOrderEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_limit_the_model_asks_for_is_stored_shown_and_filled_at_the_limit_or_better_on_a_later_bar_or_expired()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        // A buy limit 0.1% under the close the prompt states: it fills when a later bar opens at or under it, or reaches it.
        var limits = new ConcurrentDictionary<decimal, string>();
        model.Respond = request =>
        {
            var prompt = request.Json.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!;
            var symbol = SymbolLine().Match(prompt).Groups[1].Value;
            var close = decimal.Parse(CloseLine().Match(prompt).Groups[1].Value, CultureInfo.InvariantCulture);
            var limit = Math.Round(close * 0.999m, 2);
            limits[limit] = symbol;
            return new FakeReply.Answer(JsonSerializer.Serialize(new
            {
                action = "BUY", confidence = 90, reasoning = "Buy the dip.", order_type = "limit", limit_price = limit,
            }));
        };
        await using var app = new WawaTraderAppFactory(new Dictionary<string, string?>
        {
            ["Llm:Enabled"] = "true",
            ["Llm:Endpoint"] = model.BaseUrl,
            ["Llm:Model"] = FakeOpenAiServer.ModelId,
        });
        using var client = app.CreateClient();

        var decisions = await AgentApiTests.WaitForAsync(client, "/api/decisions?limit=200", d => d.EnumerateArray().Any(IsLimitOrder), Patience);
        var summary = decisions.EnumerateArray().First(IsLimitOrder);
        var id = summary.GetProperty("id").GetGuid();
        var limit = summary.GetProperty("limitPrice").GetDecimal();

        // Stored as asked: the decision and the order carry the limit the fake gave for that symbol.
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/decisions/{id}");
        Assert.Equal(("Buy", "Llm"), (detail.GetProperty("action").GetString(), detail.GetProperty("source").GetString()));
        Assert.Equal(detail.GetProperty("symbol").GetString(), limits[limit]);
        Assert.Equal(limit, detail.GetProperty("limitPrice").GetDecimal());
        // The model's answer as it came (the parsed verdict's columns do not hold the limit; the decision and the order do).
        Assert.Contains($"\"limit_price\":{limit.ToString(CultureInfo.InvariantCulture)}", detail.GetProperty("interaction").GetProperty("rawResponse").GetString());
        var order = detail.GetProperty("order");
        Assert.Equal(("Limit", limit), (order.GetProperty("type").GetString(), order.GetProperty("limitPrice").GetDecimal()));

        // The decision page, over the app's own journal, names the order type and price.
        await using (var page = PageContext.Create(app.Services.GetRequiredService<IDecisionJournal>()))
        {
            var cut = page.Render<DecisionDetail>(p => p.Add(x => x.Id, id));
            cut.WaitForElement("[data-testid=order-type]", PageContext.Wait);
            Assert.Equal($"Limit at ${limit.ToString("N2", CultureInfo.InvariantCulture)} (day order: fills only at that price or better)",
                cut.Find("[data-testid=order-type]").TextContent.Trim());
        }

        // What the paper broker did with it: filled at the limit or better on a later bar, or expired at its New York day's end.
        var barTime = detail.GetProperty("barTime").GetDateTime();
        var done = await AgentApiTests.WaitForAsync(client, $"/api/decisions/{id}",
            d => d.GetProperty("order").GetProperty("status").GetString() is "Filled" or "Expired" or "Rejected", Patience);
        var final = done.GetProperty("order");
        var status = final.GetProperty("status").GetString();
        output.WriteLine($"{detail.GetProperty("symbol").GetString()} buy limit {limit} on the bar of {barTime:O}: {final}");
        if (status == "Filled")
        {
            var fill = Assert.Single(final.GetProperty("fills").EnumerateArray());
            Assert.True(fill.GetProperty("price").GetDecimal() <= limit, $"filled at {fill.GetProperty("price").GetDecimal()} above the limit {limit}");
            Assert.True(fill.GetProperty("time").GetDateTime() > barTime, $"filled on the bar of {fill.GetProperty("time").GetDateTime():O}, not after the decision's {barTime:O}");
        }
        else
        {
            Assert.Equal("Expired", status);
            Assert.StartsWith($"day limit order at ${limit.ToString("N2", CultureInfo.InvariantCulture)} not filled by the end of ", final.GetProperty("rejectReason").GetString());
            Assert.Empty(final.GetProperty("fills").EnumerateArray());
        }
    }

    private static bool IsLimitOrder(JsonElement decision) =>
        decision.TryGetProperty("limitPrice", out var limit) && limit.ValueKind == JsonValueKind.Number
        && decision.TryGetProperty("order", out var order) && order.ValueKind == JsonValueKind.Object;

    [GeneratedRegex(@"^\s*Symbol: (\S+)", RegexOptions.Multiline)]
    private static partial Regex SymbolLine();

    [GeneratedRegex(@"Last close: ([0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex CloseLine();
}
