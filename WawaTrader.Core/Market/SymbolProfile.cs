namespace WawaTrader.Core.Market;

/// <summary>
/// How one simulated symbol moves: start price (currency), drift and volatility of the log return per one-minute bar
/// (fractions, e.g. 0.0012 = 0.12 %), and typical volume per bar (shares).
/// </summary>
internal readonly record struct SymbolProfile(double StartPrice, double DriftPerBar, double VolatilityPerBar, double TypicalVolume)
{
    // Roughly the real instruments' price level, with per-minute volatility a little livelier than the real one so a demo moves.
    private static readonly Dictionary<string, SymbolProfile> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AAPL"] = new(190, 0.000_010, 0.0012, 180_000),
        ["MSFT"] = new(420, 0.000_010, 0.0011, 90_000),
        ["NVDA"] = new(120, 0.000_020, 0.0025, 900_000),
        ["AMZN"] = new(185, 0.000_010, 0.0015, 150_000),
        ["GOOGL"] = new(170, 0.000_010, 0.0014, 120_000),
        ["SPY"] = new(540, 0.000_005, 0.0006, 250_000),
    };

    /// <summary>The known profile of a default symbol, or one derived deterministically from the symbol and the seed.</summary>
    public static SymbolProfile For(string symbol, int seed)
    {
        if (Known.TryGetValue(symbol, out var profile)) return profile;
        var random = new SimulationRandom(SimulationRandom.SeedFor(seed, symbol, salt: 0x50F11E));
        return new SymbolProfile(
            StartPrice: Math.Round(20 + 480 * random.NextDouble(), 2),
            DriftPerBar: (random.NextDouble() - 0.4) * 0.000_05,
            VolatilityPerBar: 0.0008 + 0.0022 * random.NextDouble(),
            TypicalVolume: Math.Round(20_000 + 480_000 * random.NextDouble()));
    }
}
