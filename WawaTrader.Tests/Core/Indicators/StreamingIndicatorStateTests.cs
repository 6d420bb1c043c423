using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

/// <summary>
/// <see cref="IndicatorState"/> fed bar by bar against the batch kernels over the whole series, against
/// <see cref="IndicatorCalculator"/> on prefixes, and against TA-Lib's reference columns, at every bar of every shared
/// file: |streaming − reference| ≤ 1e-9 × max(|reference|, s), s = the bar's close for price columns, 100 for RSI, the
/// bar's volume for OBV, 1 for the volume ratio; NaN exactly where the reference is NaN. The streaming σ is the two-pass
/// σ of a 20-close ring buffer (the same as the batch kernels), so against TA-Lib's cancelling sqrt(E[x²] − E[x]²) it
/// differs by up to ~3e-10 relative on the 1-minute file, inside the tolerance.
/// </summary>
public sealed class StreamingIndicatorStateTests
{
    private const double RelativeTolerance = 1e-9;

    private enum Scale { Price, Rsi, Volume, Ratio }

    private sealed record Field(string Name, string? TaLibColumn, Scale Scale, Func<StreamingIndicatorValues, double> Get);

    private static readonly Field[] Fields =
    [
        new("Sma20", "SMA20", Scale.Price, v => v.Sma20),
        new("Sma50", null, Scale.Price, v => v.Sma50),
        new("Ema20", "EMA20", Scale.Price, v => v.Ema20),
        new("Rsi14", "RSI14", Scale.Rsi, v => v.Rsi14),
        new("Macd", "MACD", Scale.Price, v => v.Macd),
        new("MacdSignal", "MACDSignal", Scale.Price, v => v.MacdSignal),
        new("MacdHistogram", "MACDHist", Scale.Price, v => v.MacdHistogram),
        new("BollingerUpper", "BBUpper", Scale.Price, v => v.BollingerUpper),
        new("BollingerMiddle", "BBMiddle", Scale.Price, v => v.BollingerMiddle),
        new("BollingerLower", "BBLower", Scale.Price, v => v.BollingerLower),
        new("Atr14", "ATR14", Scale.Price, v => v.Atr14),
        new("StdDev20", "StdDev20", Scale.Price, v => v.StdDev20),
        new("Obv", "OBV", Scale.Volume, v => v.Obv),
        new("VolumeRatio20", "VolumeRatio20", Scale.Ratio, v => v.VolumeRatio20),
    ];

    private static IEnumerable<string> PriceFileNames() =>
        Directory.GetFiles(SharedData.MarketFolder, "*.csv").Select(p => Path.GetFileName(p)!)
            .Where(n => !n.EndsWith(".talib.csv", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static TheoryData<string> MarketFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in PriceFileNames()) data.Add(name);
        return data;
    }

    public static TheoryData<string> TaLibFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in TaLibReference.ReferenceFiles()) data.Add(file);
        return data;
    }

    [Fact]
    public void Shared_folder_holds_five_price_files()
    {
        Assert.Equal(5, PriceFileNames().Count());
    }

    [Theory]
    [MemberData(nameof(MarketFiles))]
    public void Every_field_at_every_bar_matches_the_batch_kernels(string file)
    {
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile(file));
        AssertMatchesBatch(bars, file);
    }

    [Fact]
    public void Matches_the_batch_kernels_on_flat_prices_and_zero_volume()
    {
        // A flat stretch (σ and RSI guards give 0), then a rise, then a fall with zero volume (no volume ratio).
        var closes = Enumerable.Repeat(50.0, 40).Concat(Enumerable.Range(1, 40).Select(i => 50.0 + i))
            .Concat(Enumerable.Range(1, 40).Select(i => 90.0 - i)).ToArray();
        var volumes = Enumerable.Repeat(1_000.0, 80).Concat(Enumerable.Repeat(0.0, 40)).ToArray();
        var bars = Bars.FromClosesAndVolumes(closes, volumes);

        AssertMatchesBatch(bars, "synthetic");

        var state = IndicatorState.FromHistory(bars.AsSpan(0, 40));
        Assert.Equal(0.0, state.Current.StdDev20);
        Assert.Equal(0.0, state.Current.Rsi14);
        state = IndicatorState.FromHistory(bars);
        Assert.True(double.IsNaN(state.Current.VolumeRatio20));
    }

    [Theory]
    [MemberData(nameof(TaLibFiles))]
    public void Every_field_at_every_bar_matches_TA_Lib(string talibFile)
    {
        var reference = TaLibReference.Load(talibFile);
        var bars = reference.Bars;
        var state = new IndicatorState();
        var failures = new List<string>();
        for (var i = 0; i < bars.Length; i++)
        {
            state.Add(bars[i]);
            var current = state.Current;
            foreach (var field in Fields)
            {
                if (field.TaLibColumn is null) continue;
                Check(failures, field, bars[i], i, field.Get(current), reference.Columns[field.TaLibColumn][i]);
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches with TA-Lib in {talibFile}; first ones:\n{string.Join('\n', failures.Take(5))}");
    }

    [Theory]
    [MemberData(nameof(MarketFiles))]
    public void Snapshots_match_the_calculator_on_prefixes(string file)
    {
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile(file));
        var sample = new SortedSet<int> { 0, 1, 13, 14, 15, 18, 19, 20, 24, 25, 26, 32, 33, 34, 48, 49, 50, 51, 100, bars.Length / 2, bars.Length - 1 };
        var calculator = new IndicatorCalculator();
        var state = new IndicatorState();
        var failures = new List<string>();
        for (var i = 0; i < bars.Length; i++)
        {
            var streamed = state.Update(bars[i]);
            if (!sample.Contains(i)) continue;
            var batch = calculator.Compute(bars.AsSpan(0, i + 1));
            Assert.Equal(batch.Time, streamed.Time);
            Assert.Equal(batch.Close, streamed.Close);
            Assert.Equal(batch.PreviousClose, streamed.PreviousClose);
            var expected = ToValues(batch);
            var actual = ToValues(streamed);
            foreach (var field in Fields) Check(failures, field, bars[i], i, field.Get(actual), field.Get(expected));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches with IndicatorCalculator in {file}; first ones:\n{string.Join('\n', failures.Take(5))}");
    }

    [Fact]
    public void Before_any_bar_every_value_is_NaN_and_there_is_no_snapshot()
    {
        var state = new IndicatorState();

        Assert.Equal(0, state.Count);
        Assert.Equal(StreamingIndicatorValues.Empty, state.Current);
        foreach (var field in Fields) Assert.True(double.IsNaN(field.Get(state.Current)), field.Name);
        Assert.Throws<InvalidOperationException>(() => state.ToSnapshot());
    }

    [Fact]
    public void The_first_bar_has_OBV_and_close_but_no_previous_close()
    {
        var state = new IndicatorState();
        var bar = Bars.Flat(10, 1, volume: 777)[0];

        var snapshot = state.Update(bar);

        Assert.Equal(1, state.Count);
        Assert.Equal(bar.Time, snapshot.Time);
        Assert.Equal(10, snapshot.Close);
        Assert.True(double.IsNaN(snapshot.PreviousClose));
        Assert.Equal(777, snapshot.Obv);
        Assert.True(double.IsNaN(snapshot.Sma20));
        Assert.Equal(snapshot, state.ToSnapshot());
    }

    public static TheoryData<string> InvalidBarKinds() =>
        ["NaN open", "infinite high", "NaN low", "negative infinite close", "NaN volume", "infinite volume",
         "negative volume", "high below low", "same time", "earlier time"];

    [Theory]
    [MemberData(nameof(InvalidBarKinds))]
    public void An_invalid_bar_is_rejected_and_leaves_the_state_unchanged(string kind)
    {
        var bars = Bars.Trending(0.1, 80);
        var state = IndicatorState.FromHistory(bars.AsSpan(0, 60));
        var before = state.Current;
        var good = bars[60];
        var bad = kind switch
        {
            "NaN open" => good with { Open = double.NaN },
            "infinite high" => good with { High = double.PositiveInfinity },
            "NaN low" => good with { Low = double.NaN },
            "negative infinite close" => good with { Close = double.NegativeInfinity },
            "NaN volume" => good with { Volume = double.NaN },
            "infinite volume" => good with { Volume = double.PositiveInfinity },
            "negative volume" => good with { Volume = -1 },
            "high below low" => good with { High = good.Low - 0.01 },
            "same time" => good with { Time = bars[59].Time },
            "earlier time" => good with { Time = bars[59].Time.AddSeconds(-1) },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var error = Assert.Throws<InvalidBarSeriesException>(() => state.Add(bad));

        Assert.Equal(60, error.Index);
        Assert.False(string.IsNullOrWhiteSpace(error.Problem));
        Assert.Equal(60, state.Count);
        Assert.Equal(before, state.Current);
        // The hidden state (running totals, ring buffers, recursions) is untouched too: continuing with the good bars
        // gives exactly what a state that never saw the bad bar gives.
        foreach (var bar in bars.AsSpan(60)) state.Add(bar);
        Assert.Equal(IndicatorState.FromHistory(bars).Current, state.Current);
    }

    [Fact]
    public void An_invalid_first_bar_leaves_an_empty_state()
    {
        var state = new IndicatorState();
        var bar = Bars.Flat(10, 1)[0] with { Volume = -5 };

        var error = Assert.Throws<InvalidBarSeriesException>(() => state.Add(bar));

        Assert.Equal(0, error.Index);
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, state.Count);
        Assert.Equal(StreamingIndicatorValues.Empty, state.Current);
    }

    [Fact]
    public void From_history_reports_the_position_of_the_first_bad_bar()
    {
        var bars = Bars.Trending(0.1, 30);
        bars[17] = bars[17] with { Time = bars[16].Time };

        var error = Assert.Throws<InvalidBarSeriesException>(() => IndicatorState.FromHistory(bars));

        Assert.Equal(17, error.Index);
        Assert.Contains("duplicates", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void From_history_equals_adding_the_bars_one_by_one()
    {
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        var state = new IndicatorState();
        foreach (var bar in bars) state.Add(bar);

        var fromHistory = IndicatorState.FromHistory(bars);

        Assert.Equal(bars.Length, fromHistory.Count);
        Assert.Equal(state.Current, fromHistory.Current);
        Assert.Equal(state.ToSnapshot(), fromHistory.ToSnapshot());
    }

    [Fact]
    public void Two_states_fed_the_same_bars_agree_bit_for_bit_at_every_bar()
    {
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2020-12-1min.csv"));
        var first = new IndicatorState();
        var second = new IndicatorState();
        for (var i = 0; i < bars.Length; i++)
        {
            first.Add(bars[i]);
            second.Add(bars[i]);
            var (a, b) = (first.Current, second.Current);
            foreach (var field in Fields)
                Assert.True(BitConverter.DoubleToInt64Bits(field.Get(a)) == BitConverter.DoubleToInt64Bits(field.Get(b)), $"{field.Name} at bar {i}");
        }
    }

    [Fact]
    public void Adding_a_bar_to_a_warm_state_allocates_nothing()
    {
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile("YHOO-1996-2015-daily.csv"));
        var state = new IndicatorState();
        for (var i = 0; i < 200; i++) state.Add(bars[i]);
        var checksum = 0.0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 200; i < bars.Length; i++)
        {
            state.Add(bars[i]);
            checksum += state.Current.Rsi14;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(checksum));
        Assert.Equal(bars.Length, state.Count);
    }

    private static void AssertMatchesBatch(Bar[] bars, string name)
    {
        var batch = BatchColumns(bars);
        var state = new IndicatorState();
        var failures = new List<string>();
        for (var i = 0; i < bars.Length; i++)
        {
            state.Add(bars[i]);
            var current = state.Current;
            Assert.Equal(bars[i].Time, current.Time);
            Assert.Equal(bars[i].Close, current.Close);
            if (i == 0) Assert.True(double.IsNaN(current.PreviousClose));
            else Assert.Equal(bars[i - 1].Close, current.PreviousClose);
            foreach (var field in Fields) Check(failures, field, bars[i], i, field.Get(current), batch[field.Name][i]);
        }
        Assert.Equal(bars.Length, state.Count);
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches with the batch kernels in {name}; first ones:\n{string.Join('\n', failures.Take(5))}");
    }

    private static void Check(List<string> failures, Field field, Bar bar, int i, double actual, double expected)
    {
        if (double.IsNaN(expected))
        {
            if (!double.IsNaN(actual)) failures.Add($"{field.Name} bar {i}: reference NaN, streaming {actual:R}");
            return;
        }
        var scale = field.Scale switch { Scale.Rsi => 100, Scale.Volume => bar.Volume, Scale.Ratio => 1, _ => bar.Close };
        var allowed = RelativeTolerance * Math.Max(Math.Abs(expected), scale);
        if (!(Math.Abs(actual - expected) <= allowed))
            failures.Add($"{field.Name} bar {i}: reference {expected:R}, streaming {actual:R}, diff {Math.Abs(actual - expected):E2} > {allowed:E2}");
    }

    private static Dictionary<string, double[]> BatchColumns(Bar[] bars)
    {
        var (close, high, low, volume) = (bars.Closes(), bars.Highs(), bars.Lows(), bars.Volumes());
        var n = bars.Length;
        double[] New() => new double[n];
        var c = new Dictionary<string, double[]>();
        c["Sma20"] = New(); IndicatorKernels.Sma(close, 20, c["Sma20"]);
        c["Sma50"] = New(); IndicatorKernels.Sma(close, 50, c["Sma50"]);
        c["Ema20"] = New(); IndicatorKernels.Ema(close, 20, c["Ema20"]);
        c["Rsi14"] = New(); IndicatorKernels.Rsi(close, 14, c["Rsi14"]);
        (c["Macd"], c["MacdSignal"], c["MacdHistogram"]) = (New(), New(), New());
        IndicatorKernels.Macd(close, 12, 26, 9, c["Macd"], c["MacdSignal"], c["MacdHistogram"]);
        (c["BollingerUpper"], c["BollingerMiddle"], c["BollingerLower"]) = (New(), New(), New());
        IndicatorKernels.Bollinger(close, 20, 2.0, c["BollingerUpper"], c["BollingerMiddle"], c["BollingerLower"]);
        c["Atr14"] = New(); IndicatorKernels.Atr(high, low, close, 14, c["Atr14"]);
        c["StdDev20"] = New(); IndicatorKernels.StdDev(close, 20, c["StdDev20"]);
        c["Obv"] = New(); IndicatorKernels.Obv(close, volume, c["Obv"]);
        c["VolumeRatio20"] = New(); IndicatorKernels.VolumeRatio(volume, 20, c["VolumeRatio20"]);
        return c;
    }

    private static StreamingIndicatorValues ToValues(IndicatorSnapshot s) => new(
        s.Time, s.Close, s.PreviousClose, s.Sma20, s.Sma50, s.Ema20, s.Rsi14, s.Macd, s.MacdSignal, s.MacdHistogram,
        s.BollingerUpper, s.BollingerMiddle, s.BollingerLower, s.Atr14, s.StdDev20, s.Obv, s.VolumeRatio20);
}
