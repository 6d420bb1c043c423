namespace WawaTrader.Core.Indicators;

/// <summary>
/// Wilder's directional movement system as TA-Lib computes it (TA_ADX, TA_PLUS_DI, TA_MINUS_DI), default period 14.
/// +DM = today's high − yesterday's high when it exceeds yesterday's low − today's low and is positive, −DM the mirror
/// case, else 0. +DM, −DM and the true range are summed over bars 1…period − 1, then Wilder-smoothed from bar period on
/// (s = s − s/period + x); ±DI = 100·DM/TR (0 when TR is within 1e-14), first value at index period.
/// DX = 100·|+DI − −DI|/(+DI + −DI); the first ADX, at index 2·period − 1, is the mean of DX over bars period…2·period − 1
/// (a bar whose DX is undefined adds nothing), then ADX = (ADX·(period − 1) + DX)/period, kept unchanged on a bar whose
/// DX is undefined. All values are percentages (0–100) and depend on the first bar given, as in TA-Lib.
/// </summary>
public static class Adx
{
    /// <summary>Smallest period accepted: TA-Lib's for ADX (its period-1 DI is a ratio, not a percentage; not offered).</summary>
    public const int MinimumPeriod = 2;

    /// <summary>Average Directional Index; first value at index 2·<paramref name="period"/> − 1 (27 for 14).</summary>
    /// <exception cref="ArgumentOutOfRangeException">period below 2 or longer than a non-empty series.</exception>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, a NaN/∞ price or a high below its low (the
    /// message names the index).</exception>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> adx)
    {
        IndicatorMath.RequireSameLength(close.Length, adx.Length, nameof(adx));
        Core(high, low, close, period, adx, [], []);
    }

    /// <summary>+DI (0–100); first value at index <paramref name="period"/>.</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, Span{double})"/>
    public static void PlusDi(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        IndicatorMath.RequireSameLength(close.Length, output.Length, nameof(output));
        Core(high, low, close, period, [], output, []);
    }

    /// <summary>−DI (0–100); first value at index <paramref name="period"/>.</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, Span{double})"/>
    public static void MinusDi(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        IndicatorMath.RequireSameLength(close.Length, output.Length, nameof(output));
        Core(high, low, close, period, [], [], output);
    }

    /// <summary>ADX, +DI and −DI in one pass, each with its own first value index (2·period − 1, period, period).</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, Span{double})"/>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period,
        Span<double> adx, Span<double> plusDi, Span<double> minusDi)
    {
        IndicatorMath.RequireSameLength(close.Length, adx.Length, nameof(adx));
        IndicatorMath.RequireSameLength(close.Length, plusDi.Length, nameof(plusDi));
        IndicatorMath.RequireSameLength(close.Length, minusDi.Length, nameof(minusDi));
        Core(high, low, close, period, adx, plusDi, minusDi);
    }

    /// <summary>The single pass; an empty output (for a non-empty series) is not wanted and not written.</summary>
    private static void Core(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period,
        Span<double> adx, Span<double> plusDi, Span<double> minusDi)
    {
        IndicatorMath.RequirePeriod(period, close.Length, nameof(period), MinimumPeriod);
        var n = close.Length;
        RequireOptionalOutput(high, low, close, adx, nameof(adx));
        RequireOptionalOutput(high, low, close, plusDi, nameof(plusDi));
        RequireOptionalOutput(high, low, close, minusDi, nameof(minusDi));
        IndicatorMath.RequireDistinct(adx, plusDi, nameof(plusDi));
        IndicatorMath.RequireDistinct(adx, minusDi, nameof(minusDi));
        IndicatorMath.RequireDistinct(plusDi, minusDi, nameof(minusDi));
        IndicatorMath.RequireBars(high, low, close);
        if (n == 0) return;

        var adxFirst = (2 * period) - 1;
        var wantAdx = !adx.IsEmpty;
        var wantPlus = !plusDi.IsEmpty;
        var wantMinus = !minusDi.IsEmpty;
        if (wantAdx) IndicatorMath.FillWarmup(adx, adxFirst);
        if (wantPlus) IndicatorMath.FillWarmup(plusDi, period);
        if (wantMinus) IndicatorMath.FillWarmup(minusDi, period);
        if (period >= n) return;

        double plusDm = 0, minusDm = 0, tr = 0;
        for (var i = 1; i < period; i++)
        {
            var (up, down) = Movement(high, low, i);
            plusDm += up;
            minusDm += down;
            tr += IndicatorMath.TrueRange(high[i], low[i], close[i - 1]);
        }

        double sumDx = 0, adxValue = 0;
        for (var i = period; i < n; i++)
        {
            var (up, down) = Movement(high, low, i);
            plusDm = plusDm - (plusDm / period) + up;
            minusDm = minusDm - (minusDm / period) + down;
            tr = tr - (tr / period) + IndicatorMath.TrueRange(high[i], low[i], close[i - 1]);

            var trIsZero = tr > -IndicatorMath.Epsilon && tr < IndicatorMath.Epsilon;
            var plus = trIsZero ? 0.0 : 100.0 * (plusDm / tr);
            var minus = trIsZero ? 0.0 : 100.0 * (minusDm / tr);
            if (wantPlus) plusDi[i] = plus;
            if (wantMinus) minusDi[i] = minus;
            if (!wantAdx) continue;

            var diSum = minus + plus;
            var hasDx = !trIsZero && !(diSum > -IndicatorMath.Epsilon && diSum < IndicatorMath.Epsilon);
            var dx = hasDx ? 100.0 * (Math.Abs(minus - plus) / diSum) : 0.0;
            if (i < adxFirst)
            {
                if (hasDx) sumDx += dx;
                continue;
            }
            if (i == adxFirst)
            {
                if (hasDx) sumDx += dx;
                adxValue = sumDx / period;
            }
            else if (hasDx)
            {
                adxValue = ((adxValue * (period - 1)) + dx) / period;
            }
            adx[i] = adxValue;
        }
    }

    /// <summary>(+DM, −DM) of bar i against bar i − 1, TA-Lib's rule: the larger move wins, ties and inside bars give 0.</summary>
    private static (double Plus, double Minus) Movement(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int i)
    {
        var diffP = high[i] - high[i - 1];
        var diffM = low[i - 1] - low[i];
        if (diffM > 0 && diffP < diffM) return (0.0, diffM);
        if (diffP > 0 && diffP > diffM) return (diffP, 0.0);
        return (0.0, 0.0);
    }

    private static void RequireOptionalOutput(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, string name)
    {
        if (output.IsEmpty && close.Length > 0) return;
        IndicatorMath.RequireOutput(close, output, name);
        IndicatorMath.RequireDistinct(high, output, name);
        IndicatorMath.RequireDistinct(low, output, name);
    }
}
