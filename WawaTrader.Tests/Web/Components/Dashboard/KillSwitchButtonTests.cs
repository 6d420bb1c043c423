using Bunit;
using MudBlazor;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Brokers;
using WawaTrader.Web.Components.Dashboard;

namespace WawaTrader.Tests.Web.Components.Dashboard;

public sealed class KillSwitchButtonTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly PaperHarness _paper = new(PaperHarness.Costs());
    private readonly DashboardServices _services;

    public KillSwitchButtonTests() => _services = new DashboardServices(_ctx, _paper.Broker);

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    /// <summary>The dialog provider and the button, as the layout and the agent card place them.</summary>
    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<KillSwitchButton> Button) Render() =>
        (_ctx.Render<MudDialogProvider>(), _ctx.Render<KillSwitchButton>());

    private async Task OpenOrderAsync()
    {
        await _paper.BarAsync("AAPL", 100m, 100m);
        await _paper.BuyAsync("o-1", "AAPL", 10);
    }

    private static void Answer(IRenderedComponent<MudDialogProvider> dialogs, string button) =>
        dialogs.WaitForElements(".mud-dialog .mud-button-root")
            .Single(b => b.TextContent.Trim() == button)
            .Click();

    [Fact]
    public async Task Confirming_stops_the_agent_and_cancels_the_open_orders()
    {
        await OpenOrderAsync();
        _services.Agent.Start();
        var (dialogs, button) = Render();

        button.Find("[data-testid=kill-switch]").Click();
        Answer(dialogs, "Stop and cancel orders");

        button.WaitForAssertion(() => Assert.Equal("Agent stopped; 1 open order canceled.", button.Find("[data-testid=kill-switch-result]").TextContent.Trim()));
        Assert.Equal((AgentState.Stopped, KillSwitchButton.Reason), (_services.Agent.State, _services.Agent.Reason));
        Assert.Equal(OrderStatus.Canceled, (await _paper.OrderAsync("o-1")).Status);
    }

    [Fact]
    public async Task Cancelling_the_dialog_changes_nothing()
    {
        await OpenOrderAsync();
        _services.Agent.Start();
        var (dialogs, button) = Render();

        button.Find("[data-testid=kill-switch]").Click();
        Answer(dialogs, "Keep running");

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(AgentState.Running, _services.Agent.State);
        Assert.Equal(OrderStatus.Accepted, (await _paper.OrderAsync("o-1")).Status);
        Assert.Empty(button.FindAll("[data-testid=kill-switch-result]"));
    }

    [Fact]
    public void The_dialog_says_what_the_kill_switch_does()
    {
        var (dialogs, button) = Render();

        button.Find("[data-testid=kill-switch]").Click();

        var dialog = dialogs.WaitForElement(".mud-dialog");
        Assert.Contains("Engage the kill switch?", dialog.TextContent);
        Assert.Contains("every open order at the broker is canceled", dialog.TextContent);
    }
}
