using System.Globalization;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Builders;

/// <summary>
/// Builds bar series for tests: one-minute bars from <see cref="DefaultStart"/> (UTC), each opening at the previous
/// close, with a high/low 0.1 % beyond the body and a constant volume unless given.
/// </summary>
public static class Bars
{
    public static readonly DateTime DefaultStart = new(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc);

    /// <summary><paramref name="count"/> bars whose close grows by <paramref name="upPctPerBar"/> percent per bar (negative falls).</summary>
    public static Bar[] Trending(double upPctPerBar, int count, double startPrice = 100, double volume = 1_000_000)
    {
        var closes = new double[count];
        var factor = 1 + upPctPerBar / 100;
        for (var i = 0; i < count; i++) closes[i] = startPrice * Math.Pow(factor, i);
        return FromCloses(closes, volume);
    }

    /// <summary><paramref name="count"/> bars all closing at <paramref name="price"/>.</summary>
    public static Bar[] Flat(double price, int count, double volume = 1_000_000) =>
        FromCloses(Enumerable.Repeat(price, count).ToArray(), volume);

    /// <summary>Bars with the given closes, oldest first.</summary>
    public static Bar[] FromCloses(params double[] closes) => FromCloses(closes, 1_000_000);

    /// <summary>Bars with the given closes and one volume for every bar.</summary>
    public static Bar[] FromCloses(double[] closes, double volume) =>
        FromClosesAndVolumes(closes, Enumerable.Repeat(volume, closes.Length).ToArray());

    /// <summary>Bars with the given closes and volumes (same length).</summary>
    public static Bar[] FromClosesAndVolumes(double[] closes, double[] volumes)
    {
        if (closes.Length != volumes.Length) throw new ArgumentException("closes and volumes must have the same length.");
        var bars = new Bar[closes.Length];
        for (var i = 0; i < closes.Length; i++)
        {
            var open = i == 0 ? closes[0] : closes[i - 1];
            var high = Math.Max(open, closes[i]) * 1.001;
            var low = Math.Min(open, closes[i]) * 0.999;
            bars[i] = new Bar(DefaultStart.AddMinutes(i), open, high, low, closes[i], volumes[i]);
        }
        return bars;
    }

    public static double[] Closes(this IEnumerable<Bar> bars) => bars.Select(b => b.Close).ToArray();

    public static double[] Highs(this IEnumerable<Bar> bars) => bars.Select(b => b.High).ToArray();

    public static double[] Lows(this IEnumerable<Bar> bars) => bars.Select(b => b.Low).ToArray();

    public static double[] Volumes(this IEnumerable<Bar> bars) => bars.Select(b => b.Volume).ToArray();

    /// <summary>The bars as a <c>Date,Open,High,Low,Close,Volume</c> file text (intraday date format).</summary>
    public static string ToCsv(IEnumerable<Bar> bars)
    {
        var lines = new List<string> { CsvBarReader.Header };
        lines.AddRange(bars.Select(b => string.Join(',',
            b.Time.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            b.Open.ToString("R", CultureInfo.InvariantCulture), b.High.ToString("R", CultureInfo.InvariantCulture),
            b.Low.ToString("R", CultureInfo.InvariantCulture), b.Close.ToString("R", CultureInfo.InvariantCulture),
            b.Volume.ToString("R", CultureInfo.InvariantCulture))));
        return string.Join('\n', lines) + "\n";
    }
}
