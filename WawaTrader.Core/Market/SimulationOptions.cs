using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Market;

/// <summary>The simulated market. Bound from the <c>Simulation</c> section.</summary>
public sealed class SimulationOptions
{
    public const string SectionName = "Simulation";

    /// <summary>Seed of the random walk: the same seed gives the same prices.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Wall-clock seconds per simulated bar (each bar is one market minute). Also the replay pace of the Csv market.</summary>
    [Range(0.01, 3_600)] public double BarSeconds { get; set; } = 1;

    /// <summary>Bars of history generated before the start, so indicators are valid from the first tick.</summary>
    [Range(0, 100_000)] public int WarmupBars { get; set; } = 300;
}
