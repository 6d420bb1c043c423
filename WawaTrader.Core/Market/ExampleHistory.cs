namespace WawaTrader.Core.Market;

/// <summary>One simulated symbol's daily bars, oldest first.</summary>
public sealed record SimulatedSeries(string Symbol, IReadOnlyList<Bar> Bars);

/// <summary>What <see cref="ExampleHistory.EnsureCachedAsync"/> wrote: bars added, bars replaced (another seed was cached before), bars
/// already cached with the same values.</summary>
public readonly record struct ExampleHistoryWrite(int Added, int Updated, int Unchanged)
{
    /// <summary>True when the cache changed (the first use, or a new seed).</summary>
    public bool Generated => Added + Updated > 0;
}

/// <summary>
/// The bundled example history: daily bars of <see cref="Symbols"/> (SIM-A, SIM-B, SIM-C), invented by the simulated market's
/// random walk (<see cref="RandomWalk"/>, SplitMix64 draws) from a seed, never copied from a real instrument. Weekdays from
/// <see cref="First"/> to <see cref="Last"/>, stamped at midnight UTC as daily bars are; the same seed gives the same bars on every
/// machine. The names start with <see cref="Prefix"/> so every place that shows them can say they are simulated.
/// </summary>
public static class ExampleHistory
{
    /// <summary>What every example symbol starts with.</summary>
    public const string Prefix = "SIM-";

    /// <summary>First bar's date (a Monday).</summary>
    public static readonly DateTime First = new(2021, 1, 4, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Last bar's date (a Tuesday): four years of weekdays.</summary>
    public static readonly DateTime Last = new(2024, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    // Start price, drift and volatility of the daily log return (fractions), typical daily volume (shares): a steady riser, a
    // jumpy one and a calm one, so a strategy meets different markets.
    private static readonly (string Symbol, SymbolProfile Profile)[] Profiles =
    [
        ("SIM-A", new SymbolProfile(100, 0.000_45, 0.016, 2_000_000)),
        ("SIM-B", new SymbolProfile(40, 0.000_15, 0.026, 5_000_000)),
        ("SIM-C", new SymbolProfile(250, 0.000_30, 0.011, 800_000)),
    ];

    /// <summary>The example symbols, in order.</summary>
    public static IReadOnlyList<string> Symbols { get; } = [.. Profiles.Select(p => p.Symbol)];

    /// <summary>True for a symbol of the example history (trimmed, any case): its bars are simulated.</summary>
    public static bool IsSimulated(string? symbol) =>
        symbol is not null && Symbols.Contains(symbol.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The example bars for <paramref name="seed"/> (the simulation seed, <c>Simulation:Seed</c>).</summary>
    public static IReadOnlyList<SimulatedSeries> Generate(int seed)
    {
        var days = new List<DateTime>();
        for (var day = First; day <= Last; day = day.AddDays(1))
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Add(day);
        return [.. Profiles.Select(p =>
        {
            var walk = new RandomWalk(p.Profile, SimulationRandom.SeedFor(seed, p.Symbol, salt: 0xE8A3_D417));
            var bars = new Bar[days.Count];
            var open = walk.StartPrice;
            for (var i = 0; i < days.Count; i++)
            {
                bars[i] = walk.Starting(days[i], open);
                open = bars[i].Close;
            }
            return new SimulatedSeries(p.Symbol, bars);
        })];
    }

    /// <summary>
    /// Writes the example bars of <paramref name="seed"/> to <paramref name="cache"/>: the first time they are added; again, nothing
    /// changes (the cache keeps identical bars as they are); after a change of seed the cached ones are replaced.
    /// </summary>
    public static async Task<ExampleHistoryWrite> EnsureCachedAsync(IBarCache cache, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        int added = 0, updated = 0, unchanged = 0;
        foreach (var series in Generate(seed))
        {
            var result = await cache.UpsertAsync(series.Symbol, series.Bars, cancellationToken).ConfigureAwait(false);
            (added, updated, unchanged) = (added + result.Added, updated + result.Updated, unchanged + result.Unchanged);
        }
        return new ExampleHistoryWrite(added, updated, unchanged);
    }
}
