using WawaTrader.Core.Indicators;
using WawaTrader.Core.Persistence;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>The binary indicator snapshot: every value's bits come back, whichever shortcut stored it; bad bytes are a clear error.</summary>
public sealed class CompactIndicatorBytesTests
{
    /// <summary>A snapshot as the kernels compute one: middle = SMA20, bands = middle ± 2σ, histogram = MACD − signal.</summary>
    private static IndicatorSnapshot Computed(DateTime time)
    {
        const double sma20 = 262.51349999999996, sd = 0.30725030512597207, macd = -0.11720333506622183, signal = -0.11926815596519622;
        return new IndicatorSnapshot(time, 262.54, 262.28, sma20, 262.6265999999998, 262.592686284483, 48.26315456891058, macd, signal,
            macd - signal, sma20 + 2 * sd, sma20, sma20 - 2 * sd, 0.6164893855390342, sd, 2425982, 0.7401475429489228);
    }

    public static TheoryData<string> Cases() => ["computed", "warm-up", "odd", "time of its own", "local time", "sub-microsecond time"];

    private static (IndicatorSnapshot Snapshot, DateTime BarTime) Case(string name) => name switch
    {
        "computed" => (Computed(MarketOpen), MarketOpen),
        "warm-up" => (Snapshot(MarketOpen), MarketOpen),
        "odd" => (Computed(MarketOpen) with
        {
            Close = -0.0, PreviousClose = double.PositiveInfinity, Sma50 = double.NegativeInfinity, Ema20 = 5e-324, Rsi14 = double.MaxValue,
            Macd = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001), Obv = -123456789012, VolumeRatio20 = 0.1 + 0.2,
        }, MarketOpen),
        "time of its own" => (Computed(MarketOpen.AddSeconds(-1)), MarketOpen),
        "local time" => (Computed(new DateTime(2024, 3, 15, 9, 30, 0, DateTimeKind.Local)), MarketOpen),
        _ => (Computed(MarketOpen.AddTicks(3)), MarketOpen.AddTicks(3)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_snapshot_reads_back_with_every_value_bit_for_bit(string name)
    {
        var (snapshot, barTime) = Case(name);

        var back = CompactIndicatorBytes.Deserialize(CompactIndicatorBytes.Serialize(snapshot, barTime), barTime);

        Assert.Equal(snapshot.Time, back.Time);
        Assert.Equal(snapshot.Time.Kind, back.Time.Kind);
        Assert.Equal(Bits(snapshot), Bits(back));
    }

    [Fact]
    public void A_computed_snapshot_takes_fewer_than_a_hundred_bytes()
    {
        var bytes = CompactIndicatorBytes.Serialize(Computed(MarketOpen), MarketOpen);
        Assert.InRange(bytes.Length, 1, 99);
        Assert.True(bytes.Length * 2 < CompactJournalJson.Serialize(Computed(MarketOpen)).Length, $"{bytes.Length} bytes");
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 3, 4, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 3, 0, 0, 0, 0, 0 })] // 16 doubles announced, none there
    [InlineData(new byte[] { 3, 0, 0xAA, 0xAA, 0xAA, 0xAA, 1 })] // NaNs, then a byte left over
    [InlineData(new byte[] { 3, 0, 0xAB, 0xAA, 0xAA, 0xAA })] // the close cannot be derived
    public void Bad_bytes_are_a_clear_error(byte[] bytes)
    {
        var error = Assert.Throws<InvalidOperationException>(() => CompactIndicatorBytes.Deserialize(bytes, MarketOpen));
        Assert.StartsWith("The stored indicator snapshot cannot be read", error.Message, StringComparison.Ordinal);
    }

    private static long[] Bits(IndicatorSnapshot s) =>
        new[] { s.Close, s.PreviousClose, s.Sma20, s.Sma50, s.Ema20, s.Rsi14, s.Macd, s.MacdSignal, s.MacdHistogram, s.BollingerUpper,
            s.BollingerMiddle, s.BollingerLower, s.Atr14, s.StdDev20, s.Obv, s.VolumeRatio20 }.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
