using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Web.Components.DecisionPages;

/// <summary>A bUnit context for the pages: MudBlazor services, loose JS interop, logging, an in-memory journal, a popover provider.</summary>
internal static class PageContext
{
    /// <summary>How long a test waits for a page to load or react (generous: the machine may be busy).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A zone west of UTC, so a time left in UTC shows: 2024-03-01 15:30 UTC is 07:30 there (PST) and 10:30 in New York.</summary>
    public const string ViewerZone = "America/Los_Angeles";

    /// <summary>Cascades the viewer's clock for <paramref name="zone"/> to every component, as the layout does once the browser
    /// named its zone.</summary>
    public static IServiceCollection AddViewerZone(this IServiceCollection services, string zone = ViewerZone) =>
        services.AddCascadingValue(_ => WawaTrader.Web.Components.Shared.ViewerClock.For(zone));

    public static BunitContext Create(IDecisionJournal? journal = null, Action<IServiceCollection>? services = null)
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLogging();
        ctx.Services.AddSingleton(journal ?? new InMemoryDecisionJournal());
        ctx.Services.AddSingleton(WawaTrader.Core.Agents.AgentIdentity.Default);
        ctx.Services.AddSingleton<WawaTrader.Web.Api.AgentViews>();
        services?.Invoke(ctx.Services);
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }
}
