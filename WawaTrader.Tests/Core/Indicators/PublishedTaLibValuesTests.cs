using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

/// <summary>
/// The newer kernels against values published by TA-Lib 1.1.6 (the C library inside the npm package <c>talib</c> 1.1.6,
/// called through its node binding with startIdx 0) on the shared file SPY-2017-2018-daily.csv (502 bars): the first
/// value, the one after it, bars 250 and 400 and the last bar, printed in full precision. Periods: WMA 20, STOCH 14/3/3
/// (SMA), STOCHF 14 with fast %D 1 for fast %K, ADX/+DI/−DI 14, CCI 14, WILLR 14, ROC 10, MFI 14.
/// Tolerance as for the seed set: |ours − TA-Lib| ≤ 1e-9 × max(|TA-Lib|, s), s = the bar's close for WMA, 100 for the
/// oscillators and 1 for ROC (percent).
/// </summary>
public sealed class PublishedTaLibValuesTests
{
    private const string File = "SPY-2017-2018-daily.csv";
    private static readonly Lazy<Bar[]> Spy = new(() => CsvBarReader.ReadFile(SharedData.MarketFile(File)));

    public static TheoryData<string, int, double> PublishedValues() => new()
    {
        { "WMA20", 19, 214.88961904761908 }, { "WMA20", 20, 214.9396190476191 }, { "WMA20", 250, 256.6792857142881 },
        { "WMA20", 400, 273.65242857143267 }, { "WMA20", 501, 246.51104761905458 },
        { "SlowK", 17, 92.13066072754248 }, { "SlowK", 18, 76.98589458054904 }, { "SlowK", 250, 76.72237173563231 },
        { "SlowK", 400, 82.60350700441391 }, { "SlowK", 501, 43.13534970567063 },
        { "SlowD", 17, 88.49953635785782 }, { "SlowD", 18, 87.11973458491127 }, { "SlowD", 250, 80.74989510709253 },
        { "SlowD", 400, 67.26848801741774 }, { "SlowD", 501, 35.56744038514105 },
        { "FastK", 13, 58.63013698630136 }, { "FastK", 14, 84.74576271186473 }, { "FastK", 250, 61.020881670533505 },
        { "FastK", 400, 94.09722222222265 }, { "FastK", 501, 47.98789712556731 },
        { "ADX14", 27, 16.731510634692885 }, { "ADX14", 28, 18.59623106524313 }, { "ADX14", 250, 29.640481525667806 },
        { "ADX14", 400, 12.960909620253515 }, { "ADX14", 501, 34.29869914461825 },
        { "PlusDI14", 14, 22.293409508263593 }, { "PlusDI14", 15, 27.788497018486225 }, { "PlusDI14", 250, 29.189392064892534 },
        { "PlusDI14", 400, 27.272151333384194 }, { "PlusDI14", 501, 17.75652311356243 },
        { "MinusDI14", 14, 18.408488063660215 }, { "MinusDI14", 15, 16.518177797932857 }, { "MinusDI14", 250, 20.045787959939577 },
        { "MinusDI14", 400, 21.337754771934783 }, { "MinusDI14", 501, 31.150968674636058 },
        { "CCI14", 13, -51.76908752327997 }, { "CCI14", 14, 168.19277108433735 }, { "CCI14", 250, 38.659757222973326 },
        { "CCI14", 400, 154.32128562521527 }, { "CCI14", 501, -23.349420313973837 },
        { "WILLR14", 13, -41.369863013698634 }, { "WILLR14", 14, -15.254237288135267 }, { "WILLR14", 250, -38.979118329466495 },
        { "WILLR14", 400, -5.902777777777353 }, { "WILLR14", 501, -52.01210287443269 },
        { "ROC10", 10, 0.6672932330826997 }, { "ROC10", 11, -0.29431000654022155 }, { "ROC10", 250, 0.9663733500942628 },
        { "ROC10", 400, 1.5873015873015817 }, { "ROC10", 501, -3.4900649222899927 },
        { "MFI14", 14, 47.81444632100903 }, { "MFI14", 15, 48.15483694915004 }, { "MFI14", 250, 58.238866667249525 },
        { "MFI14", 400, 60.80309854271143 }, { "MFI14", 501, 39.94937704125047 },
    };

    /// <summary>TA-Lib's outBegIdx for each indicator on this file.</summary>
    public static TheoryData<string, int> FirstValueIndexes() => new()
    {
        { "WMA20", 19 }, { "SlowK", 17 }, { "SlowD", 17 }, { "FastK", 13 }, { "ADX14", 27 }, { "PlusDI14", 14 },
        { "MinusDI14", 14 }, { "CCI14", 13 }, { "WILLR14", 13 }, { "ROC10", 10 }, { "MFI14", 14 },
    };

    [Theory]
    [MemberData(nameof(PublishedValues))]
    public void Matches_the_value_TA_Lib_published(string indicator, int index, double talib)
    {
        var bars = Spy.Value;
        Assert.Equal(502, bars.Length);
        var ours = Compute(indicator, bars)[index];
        var allowed = 1e-9 * Math.Max(Math.Abs(talib), Scale(indicator, bars[index]));
        Assert.True(Math.Abs(ours - talib) <= allowed, $"{indicator}[{index}]: TA-Lib {talib:R}, ours {ours:R}");
    }

    [Theory]
    [MemberData(nameof(FirstValueIndexes))]
    public void First_value_is_at_TA_Libs_index(string indicator, int first)
    {
        var output = Compute(indicator, Spy.Value);
        Assert.All(output[..first], v => Assert.True(double.IsNaN(v)));
        Assert.All(output[first..], v => Assert.True(double.IsFinite(v)));
    }

    private static double Scale(string indicator, Bar bar) => indicator switch
    {
        "WMA20" => bar.Close,
        "ROC10" => 1,
        _ => 100,
    };

    private static double[] Compute(string indicator, Bar[] bars)
    {
        var (close, high, low, volume) = (bars.Closes(), bars.Highs(), bars.Lows(), bars.Volumes());
        double[] a = new double[bars.Length], b = new double[bars.Length];
        switch (indicator)
        {
            case "WMA20": Wma.Compute(close, 20, a); return a;
            case "SlowK": Stochastic.Slow(high, low, close, 14, 3, 3, a, b); return a;
            case "SlowD": Stochastic.Slow(high, low, close, 14, 3, 3, b, a); return a;
            case "FastK": Stochastic.FastK(high, low, close, 14, a); return a;
            case "ADX14": Adx.Compute(high, low, close, 14, a); return a;
            case "PlusDI14": Adx.PlusDi(high, low, close, 14, a); return a;
            case "MinusDI14": Adx.MinusDi(high, low, close, 14, a); return a;
            case "CCI14": Cci.Compute(high, low, close, 14, a); return a;
            case "WILLR14": WilliamsR.Compute(high, low, close, 14, a); return a;
            case "ROC10": Roc.Compute(close, 10, a); return a;
            case "MFI14": Mfi.Compute(high, low, close, volume, 14, a); return a;
            default: throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "Unknown indicator.");
        }
    }
}
