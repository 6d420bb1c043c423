using WawaTrader.Core.Indicators;

namespace WawaTrader.Tests.Core.Indicators;

/// <summary>Kernels that read highs and lows refuse a bar whose high is below its low; those that read volume refuse a
/// negative volume. Both name the bar.</summary>
public sealed class BadBarInputTests
{
    private delegate void Kernel(double[] high, double[] low, double[] close, double[] volume, double[] output);

    private static readonly Dictionary<string, Kernel> HighLowKernels = new()
    {
        ["FastK"] = (h, l, c, _, o) => Stochastic.FastK(h, l, c, 3, o),
        ["Slow stochastic"] = (h, l, c, _, o) => Stochastic.Slow(h, l, c, 2, 2, 1, o, new double[o.Length]),
        ["ADX"] = (h, l, c, _, o) => Adx.Compute(h, l, c, 2, o),
        ["+DI"] = (h, l, c, _, o) => Adx.PlusDi(h, l, c, 2, o),
        ["-DI"] = (h, l, c, _, o) => Adx.MinusDi(h, l, c, 2, o),
        ["CCI"] = (h, l, c, _, o) => Cci.Compute(h, l, c, 3, o),
        ["Williams %R"] = (h, l, c, _, o) => WilliamsR.Compute(h, l, c, 3, o),
        ["MFI"] = (h, l, c, v, o) => Mfi.Compute(h, l, c, v, 3, o),
        ["VWAP"] = (h, l, c, v, o) => Vwap.Compute(h, l, c, v, o),
        ["Keltner"] = (h, l, c, _, o) => KeltnerChannels.Compute(h, l, c, 2, 2, 2, o, new double[o.Length], new double[o.Length]),
        ["Donchian"] = (h, l, _, _, o) => DonchianChannels.Compute(h, l, 3, o, new double[o.Length], new double[o.Length]),
    };

    private static readonly Dictionary<string, Kernel> VolumeKernels = new()
    {
        ["MFI"] = HighLowKernels["MFI"],
        ["VWAP"] = HighLowKernels["VWAP"],
    };

    public static TheoryData<string> HighLowKernelNames() => new(HighLowKernels.Keys);

    public static TheoryData<string> VolumeKernelNames() => new(VolumeKernels.Keys);

    [Theory]
    [MemberData(nameof(HighLowKernelNames))]
    public void Rejects_a_high_below_the_low_naming_the_bar(string kernel)
    {
        var (high, low, close) = SmallBars.Hlc();
        (high[4], low[4]) = (9.5, 10.5);
        var error = Assert.Throws<ArgumentException>(() => HighLowKernels[kernel](high, low, close, SmallBars.Volume(), new double[6]));
        Assert.Contains("high[4]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VolumeKernelNames))]
    public void Rejects_a_negative_volume_naming_the_bar(string kernel)
    {
        var (high, low, close) = SmallBars.Hlc();
        var volume = SmallBars.Volume();
        volume[3] = -1;
        var error = Assert.Throws<ArgumentException>(() => VolumeKernels[kernel](high, low, close, volume, new double[6]));
        Assert.Contains("volume[3]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HighLowKernelNames))]
    public void Accepts_the_same_bars_when_they_are_consistent(string kernel)
    {
        var (high, low, close) = SmallBars.Hlc();
        var output = new double[6];
        HighLowKernels[kernel](high, low, close, SmallBars.Volume(), output);
        Assert.True(double.IsFinite(output[^1]));
    }
}
