namespace WawaTrader.Core.Market;

/// <summary>
/// Geometric random walk producing OHLCV bars: close = open·exp(μ − σ²/2 + σZ), wicks beyond the body, volume busier on larger
/// moves. Prices are rounded to cents (to 1/10,000 below 1), which keeps high ≥ max(open, close) ≥ min(open, close) ≥ low because
/// rounding is monotonic; the next open is this (rounded) close. The random draws of a bar are fixed by the seed and the bar's
/// market minute alone (<see cref="DrawsPerBar"/> consecutive values of one SplitMix64 stream, reached by skipping ahead), so a
/// bar is a pure function of its time and the previous close: a path continued from any recorded bar (time, close) is the
/// path an uninterrupted run would have made, at O(1) cost to set up.
/// </summary>
internal sealed class RandomWalk(SymbolProfile profile, ulong streamSeed)
{
    /// <summary>Values of the stream one bar uses (four Gaussians of two values each).</summary>
    public const int DrawsPerBar = 8;

    /// <summary>The open of a series that starts without a recorded bar (the profile's price).</summary>
    public double StartPrice => RoundPrice(profile.StartPrice);

    /// <summary>The bar at <paramref name="time"/> that opens at <paramref name="open"/> (the previous bar's close).</summary>
    public Bar Starting(DateTime time, double open)
    {
        var (logReturn, highWick, lowWick, volume) = Draws(time);
        var close = open * Math.Exp(logReturn);
        return Make(time, open, close, highWick, lowWick, volume);
    }

    /// <summary>The bar at <paramref name="time"/> that closes at <paramref name="close"/>: the walk taken backwards, for the
    /// history before a recorded bar (its open is the close of the bar before).</summary>
    public Bar Ending(DateTime time, double close)
    {
        var (logReturn, highWick, lowWick, volume) = Draws(time);
        var open = close / Math.Exp(logReturn);
        return Make(time, open, close, highWick, lowWick, volume);
    }

    private static Bar Make(DateTime time, double open, double close, double highWick, double lowWick, double volume) =>
        new(time, RoundPrice(open), RoundPrice(Math.Max(open, close) * highWick), RoundPrice(Math.Min(open, close) * lowWick), RoundPrice(close), volume);

    private (double LogReturn, double HighWick, double LowWick, double Volume) Draws(DateTime time)
    {
        var minute = (ulong)(time.Ticks / TimeSpan.TicksPerMinute);
        var random = SimulationRandom.At(streamSeed, minute * DrawsPerBar);
        var sigma = profile.VolatilityPerBar;
        var logReturn = profile.DriftPerBar - 0.5 * sigma * sigma + sigma * random.NextGaussian();
        var highWick = Math.Exp(0.5 * sigma * Math.Abs(random.NextGaussian()));
        var lowWick = Math.Exp(-0.5 * sigma * Math.Abs(random.NextGaussian()));
        var activity = 1 + 0.5 * Math.Abs(logReturn) / sigma;
        var volume = Math.Max(1, Math.Round(profile.TypicalVolume * activity * Math.Exp(0.35 * random.NextGaussian() - 0.06)));
        return (logReturn, highWick, lowWick, volume);
    }

    public static double RoundPrice(double price) => Math.Round(price, price >= 1 ? 2 : 4, MidpointRounding.AwayFromZero);
}
