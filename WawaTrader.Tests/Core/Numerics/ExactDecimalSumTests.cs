using WawaTrader.Core.Numerics;

namespace WawaTrader.Tests.Core.Numerics;

/// <summary>The integer sum must be decimal arithmetic bit for bit: the same value and the same scale (trailing zeros), on the
/// terms a portfolio sees and on terms built to leave the exact range (negative, 28 decimals, past 96 bits).</summary>
public sealed class ExactDecimalSumTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Equals_decimal_arithmetic_bit_for_bit_on_random_terms(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 5_000; run++)
        {
            var start = RandomDecimal(random);
            var sum = new ExactDecimalSum(start);
            var plain = start;
            var terms = random.Next(0, 8);
            var log = "";
            for (var t = 0; t < terms; t++)
            {
                if (random.Next(2) == 0)
                {
                    var term = RandomDecimal(random);
                    sum.Add(term);
                    plain += term;
                    log += $" +{term}";
                }
                else
                {
                    var (a, b) = (RandomDecimal(random), RandomDecimal(random));
                    decimal product;
                    try
                    {
                        product = a * b;
                    }
                    catch (OverflowException)
                    {
                        continue; // the plain code would throw here too; not a case a sum can be asked to match
                    }
                    sum.AddProduct(a, b);
                    plain += product;
                    log += $" +{a}*{b}";
                }
                Assert.True(decimal.GetBits(plain).SequenceEqual(decimal.GetBits(sum.Value)), $"{start}{log}: decimal gives {plain}, the sum {sum.Value}");
            }
            AssertSame(plain, sum.Value);
        }
    }

    [Fact]
    public void A_portfolio_marked_at_double_prices_stays_in_integers()
    {
        var random = new Random(11);
        var sum = new ExactDecimalSum(100_000.25m);
        var plain = 100_000.25m;
        for (var i = 0; i < 1_000; i++)
        {
            var (quantity, price) = ((decimal)random.Next(1, 5_000), (decimal)(20 + 400 * random.NextDouble()));
            sum.AddProduct(quantity, price);
            plain += quantity * price;
        }
        Assert.True(sum.IsExact);
        AssertSame(plain, sum.Value);
    }

    [Fact]
    public void Keeps_the_largest_scale_even_of_zero_terms_as_decimal_does()
    {
        var sum = new ExactDecimalSum(100_000m);
        sum.AddProduct(0m, 123.456m);
        AssertSame(100_000m + 0m * 123.456m, sum.Value);
        Assert.Equal("100000.000", sum.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Carries_on_in_decimal_past_the_exact_range_from_the_same_value()
    {
        var huge = new decimal(-1, -1, 1 << 20, false, 0); // a 85-bit integer
        var sum = new ExactDecimalSum(huge);
        var plain = huge;
        Assert.True(sum.IsExact);
        foreach (var (a, b) in new[] { (1_000_000m, 1_000_000m), (0.0000000001m, 3.3333333333333333333m), (-5m, 2.5m), (7.25m, 4m) })
        {
            sum.AddProduct(a, b);
            plain += a * b;
            AssertSame(plain, sum.Value);
        }
        Assert.False(sum.IsExact);
    }

    [Fact]
    public void A_negative_start_or_term_is_left_to_decimal()
    {
        var sum = new ExactDecimalSum(-10.5m);
        sum.Add(3.25m);
        sum.AddProduct(-2m, 1.5m);
        AssertSame(-10.5m + 3.25m + -2m * 1.5m, sum.Value);
    }

    private static void AssertSame(decimal expected, decimal actual)
    {
        Assert.Equal(decimal.GetBits(expected), decimal.GetBits(actual));
    }

    /// <summary>Prices as the paper broker makes them from doubles, whole quantities, money with few decimals, long fractions,
    /// values near decimal's limits, zeros with a scale, and now and then a negative.</summary>
    private static decimal RandomDecimal(Random random)
    {
        var value = random.Next(8) switch
        {
            0 => (decimal)(random.NextDouble() * Math.Pow(10, random.Next(-3, 7))),
            1 => random.Next(0, 100_000),
            2 => Math.Round((decimal)(random.NextDouble() * 1_000_000), random.Next(0, 5)),
            3 => new decimal(random.Next(), random.Next(), random.Next(0, 1 << random.Next(0, 31)), false, (byte)random.Next(0, 29)),
            4 => new decimal(0, 0, 0, false, (byte)random.Next(0, 29)),
            5 => (decimal)random.NextDouble(),
            6 => new decimal(random.Next(), random.Next(), random.Next(), false, (byte)random.Next(20, 29)),
            _ => (decimal)Math.Round(random.NextDouble() * 500, 2),
        };
        return random.Next(20) == 0 ? -value : value;
    }
}
