using BenchmarkDotNet.Attributes;
using WawaTrader.Core.Indicators;

namespace WawaTrader.Benchmarks;

/// <summary>
/// The full seed set (SMA20, EMA20, RSI14, MACD 12/26/9, Bollinger 20/2, ATR14, StdDev20, OBV, volume ratio 20) over
/// one 500-bar symbol and over 1,000,000 bars, on the TA-Lib peer harness's inputs (<see cref="SyntheticSeries"/>),
/// into preallocated buffers. Compare with <c>shared/peers/talib/run.sh</c> run beside it (TA-Lib C on the same workloads).
/// </summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Full]
public class IndicatorBenchmarks
{
    private const int SymbolBars = 500;
    private const int HistoryBars = 1_000_000;

    private SyntheticSeries _series = null!;
    private IndicatorSetOutput _output = null!;
    private double[] _a = null!, _b = null!, _c = null!;

    [GlobalSetup]
    public void Setup()
    {
        _series = new SyntheticSeries(HistoryBars);
        _output = new IndicatorSetOutput(HistoryBars);
        _a = new double[SymbolBars];
        _b = new double[SymbolBars];
        _c = new double[SymbolBars];
        FullSet_1MBars();   // touch every page once, so the timed calls write to mapped memory
    }

    /// <summary>The fused set over one 500-bar symbol (what the agent computes per symbol per decision).</summary>
    [Benchmark]
    public double FullSet_500Bars()
    {
        var s = _series;
        IndicatorSet.Compute(s.High.AsSpan(0, SymbolBars), s.Low.AsSpan(0, SymbolBars), s.Close.AsSpan(0, SymbolBars),
            s.Volume.AsSpan(0, SymbolBars), _output.AsBuffers(SymbolBars));
        return _output.Rsi14[SymbolBars - 1];
    }

    /// <summary>The fused set over a 1,000,000-bar history.</summary>
    [Benchmark]
    public double FullSet_1MBars()
    {
        var s = _series;
        IndicatorSet.Compute(s.High, s.Low, s.Close, s.Volume, _output.AsBuffers(HistoryBars));
        return _output.Rsi14[HistoryBars - 1];
    }

    /// <summary>The same set over 500 bars with the separate kernels, one after the other (what fusion buys).</summary>
    [Benchmark]
    public double PerIndicatorKernels_500Bars()
    {
        var s = _series;
        ReadOnlySpan<double> high = s.High.AsSpan(0, SymbolBars), low = s.Low.AsSpan(0, SymbolBars),
            close = s.Close.AsSpan(0, SymbolBars), volume = s.Volume.AsSpan(0, SymbolBars);
        IndicatorKernels.Sma(close, 20, _a);
        IndicatorKernels.Ema(close, 20, _a);
        IndicatorKernels.Rsi(close, 14, _a);
        IndicatorKernels.Macd(close, 12, 26, 9, _a, _b, _c);
        IndicatorKernels.Bollinger(close, 20, 2.0, _a, _b, _c);
        IndicatorKernels.Atr(high, low, close, 14, _a);
        IndicatorKernels.StdDev(close, 20, _a);
        IndicatorKernels.Obv(close, volume, _a);
        IndicatorKernels.VolumeRatio(volume, 20, _a);
        return _a[SymbolBars - 1];
    }
}
