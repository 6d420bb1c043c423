namespace WawaTrader.Core.Market;

/// <summary>
/// Geometric random walk producing one OHLCV bar per call: close = open·exp(μ − σ²/2 + σZ), wicks beyond the body,
/// volume busier on larger moves. Prices are rounded to cents (to 1/10,000 below 1), which keeps
/// high ≥ max(open, close) ≥ min(open, close) ≥ low because rounding is monotonic; the next open is this close.
/// </summary>
internal sealed class RandomWalk(SymbolProfile profile, SimulationRandom random)
{
    private double _price = profile.StartPrice;

    public Bar Next(DateTime time)
    {
        var sigma = profile.VolatilityPerBar;
        var open = _price;
        var logReturn = profile.DriftPerBar - 0.5 * sigma * sigma + sigma * random.NextGaussian();
        var close = open * Math.Exp(logReturn);
        var high = Math.Max(open, close) * Math.Exp(0.5 * sigma * Math.Abs(random.NextGaussian()));
        var low = Math.Min(open, close) * Math.Exp(-0.5 * sigma * Math.Abs(random.NextGaussian()));
        var activity = 1 + 0.5 * Math.Abs(logReturn) / sigma;
        var volume = Math.Max(1, Math.Round(profile.TypicalVolume * activity * Math.Exp(0.35 * random.NextGaussian() - 0.06)));
        _price = close;
        return new Bar(time, RoundPrice(open), RoundPrice(high), RoundPrice(low), RoundPrice(close), volume);
    }

    private static double RoundPrice(double price) => Math.Round(price, price >= 1 ? 2 : 4, MidpointRounding.AwayFromZero);
}
