using BenchmarkDotNet.Attributes;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;

namespace WawaTrader.Benchmarks;

/// <summary>
/// The live path: one new bar into a warmed-up <see cref="IndicatorState"/> (every indicator of the snapshot). Each
/// invocation adds <see cref="BarsPerInvoke"/> bars; prices cycle through a pre-generated 1-minute random walk and the
/// time advances one minute per bar, so bars stay strictly increasing however many iterations BenchmarkDotNet runs.
/// The two σ methods compare the chosen two-pass window σ with a rolling Welford update on the same prices.
/// Run: <c>dotnet run -c Release --project WawaTrader.Benchmarks -- --filter '*StreamingBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class StreamingBenchmarks
{
    private const int BarsPerInvoke = 1_000;
    private const int PriceCount = 4_096; // power of two: index with a mask
    private const int Window = 20;

    private readonly double[] _open = new double[PriceCount];
    private readonly double[] _high = new double[PriceCount];
    private readonly double[] _low = new double[PriceCount];
    private readonly double[] _close = new double[PriceCount];
    private readonly double[] _volume = new double[PriceCount];
    private IndicatorState _state = null!;
    private DateTime _time;
    private int _next;

    private readonly double[] _ring = new double[2 * Window];
    private int _ringPos;
    private double _welfordMean, _welfordM2, _runningTotal;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var price = 370.0;
        for (var i = 0; i < PriceCount; i++)
        {
            var open = price;
            price *= 1 + ((random.NextDouble() - 0.5) * 0.002);
            _open[i] = open;
            _close[i] = price;
            _high[i] = Math.Max(open, price) * 1.0003;
            _low[i] = Math.Min(open, price) * 0.9997;
            _volume[i] = 50_000 + random.Next(200_000);
        }

        _state = new IndicatorState();
        _time = new DateTime(2020, 12, 15, 14, 30, 0, DateTimeKind.Utc);
        for (var i = 0; i < 500; i++) _state.Add(NextBar());

        for (var i = 0; i < Window; i++) _ring[i] = _ring[i + Window] = _close[i];
        _welfordMean = _close.AsSpan(0, Window).ToArray().Average();
        foreach (var x in _close.AsSpan(0, Window)) _welfordM2 += (x - _welfordMean) * (x - _welfordMean);
        _ringPos = Window - 1;
        _runningTotal = _close.AsSpan(1, Window - 1).ToArray().Sum(); // the last 19 values, as the state keeps
    }

    /// <summary>Adds one bar (the reported time is per bar) and reads one value back.</summary>
    [Benchmark(OperationsPerInvoke = BarsPerInvoke)]
    public double Update_AllIndicators_OneBar()
    {
        var state = _state;
        for (var i = 0; i < BarsPerInvoke; i++) state.Add(NextBar());
        return state.Current.MacdHistogram;
    }

    /// <summary>Only the bar generation of the loop above, to subtract from it.</summary>
    [Benchmark(OperationsPerInvoke = BarsPerInvoke)]
    public double Baseline_GenerateBar()
    {
        var sum = 0.0;
        for (var i = 0; i < BarsPerInvoke; i++) sum += NextBar().Close;
        return sum;
    }

    /// <summary>The chosen σ, as <see cref="IndicatorState"/> does it: the mean from a running total (shared with the SMA),
    /// then the exact second pass over the 20-value ring buffer, per new value.</summary>
    [Benchmark(OperationsPerInvoke = BarsPerInvoke)]
    public double Sigma20_TwoPass()
    {
        var result = 0.0;
        for (var i = 0; i < BarsPerInvoke; i++)
        {
            var x = _close[(_next++) & (PriceCount - 1)];
            var pos = _ringPos + 1;
            if (pos == Window) pos = 0;
            _ring[pos] = _ring[pos + Window] = x;
            _ringPos = pos;
            var window = new ReadOnlySpan<double>(_ring, pos + 1, Window);
            var windowTotal = _runningTotal + x;
            _runningTotal = windowTotal - window[0];
            var mean = windowTotal / Window;
            var squares = 0.0;
            foreach (var v in window)
            {
                var d = v - mean;
                squares += d * d;
            }
            result = Math.Sqrt(squares / Window);
        }
        return result;
    }

    /// <summary>The alternative σ: rolling Welford (replace the oldest value: mean and M2 updated in O(1)).</summary>
    [Benchmark(OperationsPerInvoke = BarsPerInvoke)]
    public double Sigma20_RollingWelford()
    {
        var result = 0.0;
        for (var i = 0; i < BarsPerInvoke; i++)
        {
            var x = _close[(_next++) & (PriceCount - 1)];
            var pos = _ringPos + 1;
            if (pos == Window) pos = 0;
            var y = _ring[pos];
            _ring[pos] = x;
            _ringPos = pos;
            var oldMean = _welfordMean;
            var delta = x - y;
            _welfordMean = oldMean + (delta / Window);
            _welfordM2 += delta * (x - _welfordMean + y - oldMean);
            result = Math.Sqrt(Math.Max(_welfordM2, 0) / Window);
        }
        return result;
    }

    private Bar NextBar()
    {
        var i = (_next++) & (PriceCount - 1);
        _time = _time.AddTicks(TimeSpan.TicksPerMinute);
        return new Bar(_time, _open[i], _high[i], _low[i], _close[i], _volume[i]);
    }
}
