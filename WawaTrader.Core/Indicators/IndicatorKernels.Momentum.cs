using static WawaTrader.Core.Indicators.IndicatorMath;

namespace WawaTrader.Core.Indicators;

public static partial class IndicatorKernels
{
    /// <summary>Relative Strength Index (0–100), Wilder smoothing seeded as TA-Lib does: the first average gain and loss
    /// are plain means of the first <paramref name="period"/> close-to-close changes (first value at index period), then
    /// avg = (avg·(period − 1) + current)/period. RSI = 100·gain/(gain + loss), and 0 when gain + loss is within 1e-14
    /// (TA-Lib's guard: a flat stretch gives 0, a series that only rises gives 100). A series of exactly
    /// <paramref name="period"/> bars is accepted and gives all NaN (the first value needs period + 1 bars).</summary>
    public static void Rsi(ReadOnlySpan<double> close, int period, Span<double> output)
    {
        RequireSeries(close, period, output, nameof(close));
        if (FillWarmup(output, period)) return;

        double gain = 0, loss = 0;
        for (var i = 1; i <= period; i++)
        {
            var change = close[i] - close[i - 1];
            if (change < 0) loss -= change; else gain += change;
        }
        loss /= period;
        gain /= period;
        output[period] = RsiValue(gain, loss);

        for (var i = period + 1; i < close.Length; i++)
        {
            var change = close[i] - close[i - 1];
            loss *= period - 1;
            gain *= period - 1;
            if (change < 0) loss -= change; else gain += change;
            loss /= period;
            gain /= period;
            output[i] = RsiValue(gain, loss);
        }
    }

    /// <summary>MACD with TA-Lib's alignment: both EMAs are seeded at index slow − 1 (the fast one by the SMA of the
    /// <paramref name="fast"/> closes ending there, not at fast − 1); MACD = fast EMA − slow EMA; the signal is the EMA of
    /// MACD seeded by the SMA of its first <paramref name="signal"/> values; histogram = MACD − signal. All three are
    /// reported only from index (slow − 1) + (signal − 1), where the signal exists (33 for 12/26/9). As in TA-Lib, a fast
    /// period longer than the slow one is swapped with it. Every period must be at most the series' length.</summary>
    public static void Macd(ReadOnlySpan<double> close, int fast, int slow, int signal, Span<double> macd, Span<double> signalLine, Span<double> histogram)
    {
        RequirePeriod(fast, close.Length, nameof(fast));
        RequirePeriod(slow, close.Length, nameof(slow));
        RequirePeriod(signal, close.Length, nameof(signal));
        RequireOutput(close, macd, nameof(macd));
        RequireOutput(close, signalLine, nameof(signalLine));
        RequireOutput(close, histogram, nameof(histogram));
        RequireDistinct(macd, signalLine, nameof(signalLine));
        RequireDistinct(macd, histogram, nameof(histogram));
        RequireDistinct(signalLine, histogram, nameof(histogram));
        RequireFinite(close, nameof(close));
        if (slow < fast) (fast, slow) = (slow, fast);

        var seedIndex = slow - 1;
        var first = seedIndex + signal - 1;
        if (first >= close.Length)
        {
            macd.Fill(double.NaN);
            signalLine.Fill(double.NaN);
            histogram.Fill(double.NaN);
            return;
        }

        var slowEma = MeanOf(close.Slice(0, slow));
        var fastEma = MeanOf(close.Slice(slow - fast, fast));
        var kSlow = 2.0 / (slow + 1);
        var kFast = 2.0 / (fast + 1);
        macd[seedIndex] = fastEma - slowEma;
        for (var i = seedIndex + 1; i < close.Length; i++)
        {
            fastEma = ((close[i] - fastEma) * kFast) + fastEma;
            slowEma = ((close[i] - slowEma) * kSlow) + slowEma;
            macd[i] = fastEma - slowEma;
        }

        var sig = MeanOf(macd.Slice(seedIndex, signal));
        var kSignal = 2.0 / (signal + 1);
        signalLine[first] = sig;
        histogram[first] = macd[first] - sig;
        for (var i = first + 1; i < close.Length; i++)
        {
            sig = ((macd[i] - sig) * kSignal) + sig;
            signalLine[i] = sig;
            histogram[i] = macd[i] - sig;
        }

        macd[..first].Fill(double.NaN);
        signalLine[..first].Fill(double.NaN);
        histogram[..first].Fill(double.NaN);
    }

    private static double RsiValue(double gain, double loss)
    {
        var total = gain + loss;
        return total > -Epsilon && total < Epsilon ? 0.0 : 100.0 * (gain / total);
    }

    /// <summary>Sequential sum then divide, in TA-Lib's order.</summary>
    private static double MeanOf(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var x in values) sum += x;
        return sum / values.Length;
    }
}
