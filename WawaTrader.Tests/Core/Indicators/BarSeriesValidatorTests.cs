using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class BarSeriesValidatorTests
{
    public static TheoryData<string, string> BadBars() => new()
    {
        { "nan-close", "close is NaN" },
        { "infinite-high", "high is Infinity" },
        { "nan-open", "open is NaN" },
        { "negative-volume", "volume -5 is negative" },
        { "nan-volume", "volume is NaN" },
        { "high-below-low", "high 90 is below low 95" },
        { "duplicate-time", "duplicates the previous bar's time" },
        { "earlier-time", "is before the previous bar's" },
    };

    [Theory]
    [MemberData(nameof(BadBars))]
    public void Names_the_index_and_the_problem_of_the_first_bad_bar(string defect, string expectedProblem)
    {
        var bars = Bars.Trending(0.1, 10);
        const int index = 6;
        bars[index] = Break(bars[index], bars[index - 1], defect);

        var error = Assert.Throws<InvalidBarSeriesException>(() => BarSeriesValidator.Validate(bars));

        Assert.Equal(index, error.Index);
        Assert.Contains($"Bar {index} is invalid", error.Message);
        Assert.Contains(expectedProblem, error.Message);
    }

    [Fact]
    public void Accepts_a_valid_series_including_zero_volume_and_a_doji()
    {
        var bars = Bars.Trending(0.1, 10);
        bars[3] = bars[3] with { Volume = 0, High = bars[3].Close, Low = bars[3].Close, Open = bars[3].Close };
        BarSeriesValidator.Validate(bars);
        BarSeriesValidator.Validate([]);
    }

    private static Bar Break(Bar bar, Bar previous, string defect) => defect switch
    {
        "nan-close" => bar with { Close = double.NaN },
        "infinite-high" => bar with { High = double.PositiveInfinity },
        "nan-open" => bar with { Open = double.NaN },
        "negative-volume" => bar with { Volume = -5 },
        "nan-volume" => bar with { Volume = double.NaN },
        "high-below-low" => bar with { High = 90, Low = 95 },
        "duplicate-time" => bar with { Time = previous.Time },
        "earlier-time" => bar with { Time = previous.Time.AddSeconds(-1) },
        _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, null),
    };
}
