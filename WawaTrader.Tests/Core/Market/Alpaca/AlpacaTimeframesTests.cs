using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Tests.Core.Market.Alpaca;

public sealed class AlpacaTimeframesTests
{
    [Theory]
    [InlineData("1Day", "2024-01-02T05:00:00Z", "2024-01-02T00:00:00Z")] // EST: New York midnight is 05:00 UTC
    [InlineData("1Day", "2024-07-01T04:00:00Z", "2024-07-01T00:00:00Z")] // EDT: 04:00 UTC
    [InlineData("1Day", "2024-03-11T04:00:00Z", "2024-03-11T00:00:00Z")] // the Monday after clocks went forward
    [InlineData("1Week", "2024-11-04T05:00:00Z", "2024-11-04T00:00:00Z")] // the Monday after clocks went back
    [InlineData("1Hour", "2024-01-02T14:00:00Z", "2024-01-02T14:00:00Z")]
    [InlineData("1Min", "2020-12-15T14:30:00Z", "2020-12-15T14:30:00Z")]
    public void Daily_bars_are_keyed_at_midnight_utc_of_their_new_york_date_and_intraday_bars_keep_utc(string timeframe, string alpaca, string expected)
    {
        var time = AlpacaTimeframes.BarTime(timeframe, DateTime.Parse(alpaca, null, System.Globalization.DateTimeStyles.AdjustToUniversal));

        Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal), time);
        Assert.Equal(DateTimeKind.Utc, time.Kind);
    }

    [Theory]
    [InlineData("1day", "1Day")]
    [InlineData(" 1MIN ", "1Min")]
    [InlineData("1Hour", "1Hour")]
    [InlineData("1d", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize_gives_alpacas_spelling_or_null(string? input, string? expected) =>
        Assert.Equal(expected, AlpacaTimeframes.Normalize(input));
}
