using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

/// <summary>
/// Every kernel against TA-Lib 1.1.6 on every shared <c>*.talib.csv</c>: |ours − TA-Lib| ≤ 1e-9 × max(|TA-Lib|, s) with s
/// the bar's close for price-valued columns, 100 for RSI, the bar's volume for OBV and 1 for the volume ratio; empty
/// cells must be NaN in ours and only those. σ (StdDev, Bollinger) is computed two-pass per window, not with TA-Lib's
/// sqrt(E[x²] − E[x]²), so it is exact where TA-Lib cancels (worst case on the 1-minute file, still inside tolerance).
/// </summary>
public sealed class TaLibComparisonTests
{
    private const double RelativeTolerance = 1e-9;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in TaLibReference.ReferenceFiles())
            foreach (var column in TaLibReference.ColumnNames)
                data.Add(file, column);
        return data;
    }

    [Fact]
    public void Shared_folder_holds_the_five_reference_files()
    {
        Assert.Equal(5, TaLibReference.ReferenceFiles().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_TA_Lib(string file, string column)
    {
        var reference = TaLibReference.Load(file);
        var bars = reference.Bars;
        Assert.Equal(reference.Dates.Length, bars.Length);
        var expected = reference.Columns[column];
        var actual = Compute(column, bars);

        var failures = new List<string>();
        for (var i = 0; i < bars.Length; i++)
        {
            var talib = expected[i];
            var ours = actual[i];
            if (double.IsNaN(talib))
            {
                if (!double.IsNaN(ours)) failures.Add($"row {i} ({reference.Dates[i]}): TA-Lib empty, ours {ours:R}");
                continue;
            }
            var allowed = RelativeTolerance * Math.Max(Math.Abs(talib), Scale(column, bars[i]));
            if (!(Math.Abs(ours - talib) <= allowed))
                failures.Add($"row {i} ({reference.Dates[i]}): TA-Lib {talib:R}, ours {ours:R}, diff {Math.Abs(ours - talib):E2} > {allowed:E2}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches in {column} of {file}; first ones:\n{string.Join('\n', failures.Take(5))}");
    }

    private static double Scale(string column, Bar bar) => column switch
    {
        "RSI14" => 100,
        "OBV" => bar.Volume,
        "VolumeRatio20" => 1,
        _ => bar.Close,
    };

    private static double[] Compute(string column, Bar[] bars)
    {
        var (close, high, low, volume) = (bars.Closes(), bars.Highs(), bars.Lows(), bars.Volumes());
        var n = bars.Length;
        double[] a = new double[n], b = new double[n], c = new double[n];
        switch (column)
        {
            case "SMA20": IndicatorKernels.Sma(close, 20, a); return a;
            case "EMA20": IndicatorKernels.Ema(close, 20, a); return a;
            case "RSI14": IndicatorKernels.Rsi(close, 14, a); return a;
            case "ATR14": IndicatorKernels.Atr(high, low, close, 14, a); return a;
            case "StdDev20": IndicatorKernels.StdDev(close, 20, a); return a;
            case "OBV": IndicatorKernels.Obv(close, volume, a); return a;
            case "VolumeRatio20": IndicatorKernels.VolumeRatio(volume, 20, a); return a;
            case "MACD" or "MACDSignal" or "MACDHist":
                IndicatorKernels.Macd(close, 12, 26, 9, a, b, c);
                return column == "MACD" ? a : column == "MACDSignal" ? b : c;
            case "BBUpper" or "BBMiddle" or "BBLower":
                IndicatorKernels.Bollinger(close, 20, 2.0, a, b, c);
                return column == "BBUpper" ? a : column == "BBMiddle" ? b : c;
            default: throw new ArgumentOutOfRangeException(nameof(column), column, "No kernel for this column.");
        }
    }
}
