namespace WawaTrader.Benchmarks;

/// <summary>
/// OHLCV columns generated exactly like the TA-Lib peer harness (<c>shared/peers/talib/bench_talib_c.c</c>): the LCG
/// s = s·1664525 + 1013904223 (uint) from seed 42, a ±2 % random walk from 100 floored at 1, high/low up to 1 % beyond
/// the body, volume 100,000 + int(u·1,000,000). The same numbers, so both sides time the same workload.
/// </summary>
public sealed class SyntheticSeries
{
    public SyntheticSeries(int count)
    {
        Open = new double[count];
        High = new double[count];
        Low = new double[count];
        Close = new double[count];
        Volume = new double[count];
        var s = 42u;
        double Next()
        {
            s = (s * 1664525u) + 1013904223u;
            return s / 4294967296.0;
        }
        var p = 100.0;
        for (var i = 0; i < count; i++)
        {
            var op = p;
            p *= 1 + ((Next() - 0.5) * 0.04);
            if (p < 1) p = 1;
            Open[i] = op;
            Close[i] = p;
            High[i] = (op > p ? op : p) * (1 + (Next() * 0.01));
            Low[i] = (op < p ? op : p) * (1 - (Next() * 0.01));
            Volume[i] = 1e5 + (int)(Next() * 1e6);
        }
    }

    public double[] Open { get; }
    public double[] High { get; }
    public double[] Low { get; }
    public double[] Close { get; }
    public double[] Volume { get; }
}
