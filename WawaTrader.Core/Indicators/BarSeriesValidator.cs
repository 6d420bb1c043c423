using WawaTrader.Core.Market;

namespace WawaTrader.Core.Indicators;

/// <summary>
/// Checks a bar series before indicator maths: one bad bar (a NaN price, a negative volume, bars out of order) would
/// otherwise poison every recursive indicator after it without a trace.
/// </summary>
public static class BarSeriesValidator
{
    /// <summary>Throws <see cref="InvalidBarSeriesException"/> naming the first bar with a non-finite price or volume,
    /// a negative volume, a high below its low, or a timestamp not strictly after the previous bar's.</summary>
    public static void Validate(ReadOnlySpan<Bar> bars)
    {
        for (var i = 0; i < bars.Length; i++)
        {
            var problem = DescribeProblem(bars[i]) ?? (i > 0 ? DescribeOrderProblem(bars[i - 1].Time, bars[i].Time) : null);
            if (problem is not null) throw new InvalidBarSeriesException(i, problem);
        }
    }

    /// <summary>Whether <see cref="DescribeProblem"/> finds nothing wrong with <paramref name="bar"/>: one pass of compares, for
    /// hot paths that describe a bar only when it is refused.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool IsAcceptable(in Bar bar) =>
        double.IsFinite(bar.Open) && double.IsFinite(bar.High) && double.IsFinite(bar.Low) && double.IsFinite(bar.Close)
        && double.IsFinite(bar.Volume) && bar.Volume >= 0 && bar.High >= bar.Low;

    /// <summary>What is wrong with one bar on its own, or null when nothing is.</summary>
    internal static string? DescribeProblem(in Bar bar)
    {
        if (!double.IsFinite(bar.Open)) return $"open is {bar.Open}, not a finite price";
        if (!double.IsFinite(bar.High)) return $"high is {bar.High}, not a finite price";
        if (!double.IsFinite(bar.Low)) return $"low is {bar.Low}, not a finite price";
        if (!double.IsFinite(bar.Close)) return $"close is {bar.Close}, not a finite price";
        if (!double.IsFinite(bar.Volume)) return $"volume is {bar.Volume}, not a finite number";
        if (bar.Volume < 0) return $"volume {bar.Volume} is negative";
        if (bar.High < bar.Low) return $"high {bar.High} is below low {bar.Low}";
        return null;
    }

    /// <summary>What is wrong with a bar's time given the previous bar's, or null when it is strictly later.</summary>
    internal static string? DescribeOrderProblem(DateTime previous, DateTime current) =>
        current == previous ? $"time {current:O} duplicates the previous bar's time"
        : current < previous ? $"time {current:O} is before the previous bar's {previous:O} (bars must be oldest first)"
        : null;
}
