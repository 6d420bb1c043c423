using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using WawaTrader.Core.Persistence.Fallback;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Tests.Web.Components.Shared;

public sealed class JournalBannerTests
{
    [Fact]
    public void Shows_nothing_while_the_database_takes_records_and_the_fallback_when_it_does_not()
    {
        using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var health = new JournalHealth();
        var hub = new AgentEventHub(NullLogger<AgentEventHub>.Instance);
        ctx.Services.AddSingleton(health).AddSingleton(hub);
        var banner = ctx.Render<JournalBanner>();
        Assert.Empty(banner.FindAll("[data-testid=journal-banner]"));

        health.Set(JournalState.FallbackFile, 12, "The database refuses writes (disk full); records go to /data/w.db.journal.jsonl");
        hub.Publish(new JournalStateChanged(DateTime.UnixEpoch, JournalState.FallbackFile, 12, "disk full"));

        banner.WaitForAssertion(() =>
        {
            var text = banner.Find("[data-testid=journal-banner]").TextContent;
            Assert.Contains("12 record(s) are kept in the fallback file", text);
            Assert.Contains("disk full", text);
        });

        health.Set(JournalState.Unavailable, 12, "Neither the database nor the file takes records");
        hub.Publish(new JournalStateChanged(DateTime.UnixEpoch, JournalState.Unavailable, 12, "both"));
        banner.WaitForAssertion(() => Assert.Contains("trading is halted", banner.Find("[data-testid=journal-banner]").TextContent));
    }
}
