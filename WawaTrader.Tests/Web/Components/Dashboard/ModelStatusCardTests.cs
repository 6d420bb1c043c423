using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Web.Components.Dashboard;

namespace WawaTrader.Tests.Web.Components.Dashboard;

public sealed class ModelStatusCardTests
{
    [Fact]
    public async Task Shows_not_asked_yet_then_the_state_and_latency_after_calls()
    {
        await using var ctx = new BunitContext();
        var services = new DashboardServices(ctx);
        var card = ctx.Render<ModelStatusCard>();
        Assert.Equal("Not asked yet", card.Find("[data-testid=model-state]").TextContent.Trim());

        services.Health(ctx).RecordAnswer(120);

        card.WaitForAssertion(() => Assert.Equal("Online", card.Find("[data-testid=model-state]").TextContent.Trim()));
        Assert.Contains("120 ms", card.Find("[data-testid=model-latency]").TextContent);
    }

    [Fact]
    public async Task A_failure_shows_the_reason()
    {
        await using var ctx = new BunitContext();
        var services = new DashboardServices(ctx);
        var card = ctx.Render<ModelStatusCard>();

        services.Health(ctx).RecordFailure(5, "Connection refused", timeout: false, circuitOpen: false);
        services.Health(ctx).RecordFailure(5, "Connection refused", timeout: false, circuitOpen: false);

        card.WaitForAssertion(() => Assert.Equal("Offline", card.Find("[data-testid=model-state]").TextContent.Trim()));
        Assert.Contains("Connection refused", card.Find("[data-testid=model-error]").TextContent);
    }

    [Fact]
    public async Task Disabled_model_says_so()
    {
        await using var ctx = new BunitContext();
        _ = new DashboardServices(ctx);
        ctx.Services.Configure<LlmOptions>(o => o.Enabled = false);

        var card = ctx.Render<ModelStatusCard>();

        Assert.Equal("Disabled", card.Find("[data-testid=model-state]").TextContent.Trim());
    }
}
