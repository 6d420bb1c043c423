using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

/// <summary>
/// The fused <see cref="IndicatorSet"/> against the separate <see cref="IndicatorKernels"/> (bit for bit: it keeps their
/// arithmetic, σ included, which is two-pass per window) and against TA-Lib 1.1.6 on every shared <c>*.talib.csv</c> with
/// the agreed tolerance |ours − TA-Lib| ≤ 1e-9 × max(|TA-Lib|, s) (s = close for prices, 100 for RSI, volume for OBV,
/// 1 for the volume ratio).
/// </summary>
public sealed class IndicatorSetTests
{
    public static TheoryData<string> ReferenceFiles() => new(TaLibReference.ReferenceFiles());

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void Matches_the_separate_kernels_bit_for_bit_on_shared_file(string file)
    {
        var bars = TaLibReference.Load(file).Bars;
        var fused = ComputeFused(bars);
        var separate = ComputeSeparately(bars);

        foreach (var column in TaLibReference.ColumnNames)
            AssertIdentical(separate[column], fused[column], $"{column} of {file}");
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void Matches_TA_Lib_on_shared_file(string file)
    {
        var reference = TaLibReference.Load(file);
        var bars = reference.Bars;
        var fused = ComputeFused(bars);

        var failures = new List<string>();
        foreach (var column in TaLibReference.ColumnNames)
        {
            var expected = reference.Columns[column];
            var actual = fused[column];
            for (var i = 0; i < bars.Length; i++)
            {
                if (double.IsNaN(expected[i]))
                {
                    if (!double.IsNaN(actual[i])) failures.Add($"{column} row {i}: TA-Lib empty, ours {actual[i]:R}");
                    continue;
                }
                var scale = column switch { "RSI14" => 100, "OBV" => bars[i].Volume, "VolumeRatio20" => 1, _ => bars[i].Close };
                var allowed = 1e-9 * Math.Max(Math.Abs(expected[i]), scale);
                if (!(Math.Abs(actual[i] - expected[i]) <= allowed))
                    failures.Add($"{column} row {i}: TA-Lib {expected[i]:R}, ours {actual[i]:R}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches in {file}; first ones:\n{string.Join('\n', failures.Take(5))}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(20)]
    [InlineData(34)]
    [InlineData(67)]
    [InlineData(68)]
    [InlineData(69)]
    [InlineData(75)]
    [InlineData(500)]
    [InlineData(1058)]
    [InlineData(1059)]
    [InlineData(3001)]
    public void Matches_the_separate_kernels_for_series_of_length(int length)
    {
        var bars = Synthetic(length, seed: 42);
        var fused = ComputeFused(bars);
        var separate = ComputeSeparately(bars);

        foreach (var column in TaLibReference.ColumnNames)
            AssertIdentical(separate[column], fused[column], $"{column} at length {length}");
    }

    [Fact]
    public void Flat_stretches_and_zero_volume_follow_the_kernels_guards()
    {
        // Closes flat from the start give RSI 0 (no gain, no loss); any flat window gives σ 0; zero volume gives no
        // volume ratio (NaN) and leaves OBV unchanged.
        var bars = Synthetic(400, seed: 7);
        for (var i = 0; i < 120; i++) bars[i] = bars[i] with { Open = 50, High = 50, Low = 50, Close = 50 };
        for (var i = 170; i < 200; i++) bars[i] = bars[i] with { Open = 70, High = 70, Low = 70, Close = 70 };
        for (var i = 250; i < 300; i++) bars[i] = bars[i] with { Volume = 0 };
        var fused = ComputeFused(bars);
        var separate = ComputeSeparately(bars);

        foreach (var column in TaLibReference.ColumnNames)
            AssertIdentical(separate[column], fused[column], column);
        Assert.Equal(0.0, fused["RSI14"][119]);
        Assert.Equal(0.0, fused["StdDev20"][119]);
        Assert.Equal(0.0, fused["StdDev20"][199]);
        Assert.Equal(fused["OBV"][249], fused["OBV"][299]);
        Assert.True(double.IsNaN(fused["VolumeRatio20"][299]));
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        var bars = Synthetic(2500, seed: 3);
        double[] high = bars.Highs(), low = bars.Lows(), close = bars.Closes(), volume = bars.Volumes();
        var output = new IndicatorSetOutput(bars.Length);
        IndicatorSet.Compute(high, low, close, volume, output);
        IndicatorSet.Compute(high.AsSpan(0, 40), low.AsSpan(0, 40), close.AsSpan(0, 40), volume.AsSpan(0, 40), output.AsBuffers(40));

        var before = GC.GetAllocatedBytesForCurrentThread();
        IndicatorSet.Compute(high, low, close, volume, output);
        IndicatorSet.Compute(high.AsSpan(0, 40), low.AsSpan(0, 40), close.AsSpan(0, 40), volume.AsSpan(0, 40), output.AsBuffers(40));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Rejects_inputs_of_different_lengths()
    {
        var output = new IndicatorSetOutput(100);
        var a = new double[100];
        var b = new double[99];
        Assert.Throws<ArgumentException>(() => IndicatorSet.Compute(a, a, a, b, output.AsBuffers(100)));
        Assert.Throws<ArgumentException>(() => IndicatorSet.Compute(a, a, a, a, output.AsBuffers(99)));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    public void Rejects_a_non_finite_price_or_volume_naming_its_bar_on_short_and_long_series(int length)
    {
        var bars = Synthetic(length, seed: 3);
        var output = new IndicatorSetOutput(length);
        var close = bars.Closes();
        close[5] = double.NaN;
        var closeError = Assert.Throws<ArgumentException>(() => IndicatorSet.Compute(bars.Highs(), bars.Lows(), close, bars.Volumes(), output));
        Assert.Contains("close[5]", closeError.Message, StringComparison.Ordinal);

        var volume = bars.Volumes();
        volume[length - 1] = -1;
        var volumeError = Assert.Throws<ArgumentException>(() => IndicatorSet.Compute(bars.Highs(), bars.Lows(), bars.Closes(), volume, output));
        Assert.Contains($"volume[{length - 1}]", volumeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_output_that_overlaps_another_output()
    {
        var output = new IndicatorSetOutput(100);
        var input = Synthetic(100, seed: 1).Closes();
        var ex = Assert.Throws<ArgumentException>(() =>
            IndicatorSet.Compute(input, input, input, input, output.AsBuffers(100) with { StdDev20 = output.Sma20.AsSpan() }));
        Assert.Equal("StdDev20", ex.ParamName);
    }

    [Fact]
    public void Rejects_an_output_that_overlaps_an_input()
    {
        var output = new IndicatorSetOutput(100);
        var close = Synthetic(101, seed: 1).Closes();
        var ex = Assert.Throws<ArgumentException>(() =>
            IndicatorSet.Compute(close.AsSpan(0, 100), close.AsSpan(0, 100), close.AsSpan(0, 100), close.AsSpan(0, 100),
                output.AsBuffers(100) with { Obv = close.AsSpan(1, 100) }));
        Assert.Equal("Obv", ex.ParamName);
    }

    private static void AssertIdentical(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i])
                && !(double.IsNaN(expected[i]) && double.IsNaN(actual[i])))
                Assert.Fail($"{what}: cell {i} is {actual[i]:R}, the separate kernel gives {expected[i]:R}");
    }

    /// <summary>Random-walk bars from the LCG of the TA-Lib peer harness (seeded, so reproducible).</summary>
    private static Bar[] Synthetic(int count, uint seed)
    {
        var s = seed;
        double Next()
        {
            s = (s * 1664525u) + 1013904223u;
            return s / 4294967296.0;
        }
        var bars = new Bar[count];
        var price = 100.0;
        for (var i = 0; i < count; i++)
        {
            var open = price;
            price = Math.Max(1, price * (1 + ((Next() - 0.5) * 0.04)));
            var high = Math.Max(open, price) * (1 + (Next() * 0.01));
            var low = Math.Min(open, price) * (1 - (Next() * 0.01));
            bars[i] = new Bar(Bars.DefaultStart.AddMinutes(i), open, high, low, price, 100_000 + (int)(Next() * 1e6));
        }
        return bars;
    }

    private static Dictionary<string, double[]> ComputeFused(Bar[] bars)
    {
        var output = new IndicatorSetOutput(bars.Length);
        IndicatorSet.Compute(bars.Highs(), bars.Lows(), bars.Closes(), bars.Volumes(), output);
        return new Dictionary<string, double[]>
        {
            ["SMA20"] = output.Sma20, ["EMA20"] = output.Ema20, ["RSI14"] = output.Rsi14, ["MACD"] = output.Macd,
            ["MACDSignal"] = output.MacdSignal, ["MACDHist"] = output.MacdHistogram, ["BBUpper"] = output.BollingerUpper,
            ["BBMiddle"] = output.BollingerMiddle, ["BBLower"] = output.BollingerLower, ["ATR14"] = output.Atr14,
            ["StdDev20"] = output.StdDev20, ["OBV"] = output.Obv, ["VolumeRatio20"] = output.VolumeRatio20,
        };
    }

    private static Dictionary<string, double[]> ComputeSeparately(Bar[] bars)
    {
        var (close, high, low, volume) = (bars.Closes(), bars.Highs(), bars.Lows(), bars.Volumes());
        double[] New() => new double[bars.Length];
        var r = new Dictionary<string, double[]>();
        foreach (var column in TaLibReference.ColumnNames) r[column] = New();
        // The kernels refuse a period longer than the series; the set leaves those columns NaN.
        bool Fits(int period, params string[] columns)
        {
            if (period <= bars.Length) return true;
            foreach (var column in columns) Array.Fill(r[column], double.NaN);
            return false;
        }
        if (Fits(20, "SMA20")) IndicatorKernels.Sma(close, 20, r["SMA20"]);
        if (Fits(20, "EMA20")) IndicatorKernels.Ema(close, 20, r["EMA20"]);
        if (Fits(14, "RSI14")) IndicatorKernels.Rsi(close, 14, r["RSI14"]);
        if (Fits(26, "MACD", "MACDSignal", "MACDHist")) IndicatorKernels.Macd(close, 12, 26, 9, r["MACD"], r["MACDSignal"], r["MACDHist"]);
        if (Fits(20, "BBUpper", "BBMiddle", "BBLower")) IndicatorKernels.Bollinger(close, 20, 2.0, r["BBUpper"], r["BBMiddle"], r["BBLower"]);
        if (Fits(14, "ATR14")) IndicatorKernels.Atr(high, low, close, 14, r["ATR14"]);
        if (Fits(20, "StdDev20")) IndicatorKernels.StdDev(close, 20, r["StdDev20"]);
        IndicatorKernels.Obv(close, volume, r["OBV"]);
        if (Fits(20, "VolumeRatio20")) IndicatorKernels.VolumeRatio(volume, 20, r["VolumeRatio20"]);
        return r;
    }
}
