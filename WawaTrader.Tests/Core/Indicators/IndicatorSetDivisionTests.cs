using System.Numerics;
using WawaTrader.Core.Indicators;

namespace WawaTrader.Tests.Core.Indicators;

/// <summary>
/// The fused kernel divides by 14 and by 20 with a reciprocal product plus one FMA correction (Markstein) instead of the
/// divider; it must give the same bits as the division for every input, here two million random doubles over many
/// magnitudes, prices, volumes and exact multiples.
/// </summary>
public sealed class IndicatorSetDivisionTests
{
    [Fact]
    public void Division_by_14_matches_the_divider_bit_for_bit()
    {
        foreach (var x in Samples(seed: 11))
            Assert.Equal(BitConverter.DoubleToInt64Bits(x / 14), BitConverter.DoubleToInt64Bits(IndicatorSet.DivideByWilderPeriod(x)));
    }

    [Fact]
    public void Division_by_20_matches_the_divider_bit_for_bit_in_every_lane()
    {
        var samples = Samples(seed: 12).ToArray();
        var lanes = new double[Vector<double>.Count];
        for (var i = 0; i + lanes.Length <= samples.Length; i += lanes.Length)
        {
            var quotient = IndicatorSet.DivideByPeriod(new Vector<double>(samples, i));
            for (var k = 0; k < lanes.Length; k++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(samples[i + k] / 20), BitConverter.DoubleToInt64Bits(quotient[k]));
        }
    }

    private static IEnumerable<double> Samples(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 1_000_000; i++)
        {
            // Random significands over exponents from 2^-60 to 2^60, both signs.
            var magnitude = Math.ScaleB(1 + random.NextDouble(), random.Next(-60, 61));
            yield return random.Next(2) == 0 ? magnitude : -magnitude;
        }
        for (var i = 0; i < 500_000; i++)
            yield return Math.Round(random.NextDouble() * 5000, 2) * 20;          // sums of 20 two-decimal prices
        for (var i = 0; i < 500_000; i++)
            yield return (double)random.NextInt64(0, 20_000_000_000);             // sums of 20 volumes
        yield return 0.0;
        yield return 14.0;
        yield return 20.0;
        yield return double.MaxValue / 2;
    }
}
