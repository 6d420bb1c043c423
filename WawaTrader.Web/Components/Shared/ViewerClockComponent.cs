using Microsoft.AspNetCore.Components;

namespace WawaTrader.Web.Components.Shared;

/// <summary>
/// A component that writes times: it receives the viewer's <see cref="ViewerClock"/> the layout cascades, and writes UTC (saying
/// so) when there is none (yet). Wall times in the viewer's zone, bar times also in the market's New York time.
/// </summary>
public abstract class ViewerClockComponent : ComponentBase
{
    /// <summary>The viewer's time zone (the layout cascades it); UTC, said so, without one.</summary>
    [CascadingParameter] public ViewerClock? Clock { get; set; }

    /// <summary>The clock to write times with.</summary>
    protected ViewerClock C => Clock ?? ViewerClock.Utc;
}
