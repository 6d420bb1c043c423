using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Trading;

public sealed class BarWindowTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    [InlineData(3, 4)]
    [InlineData(3, 50)]
    [InlineData(60, 59)]
    [InlineData(60, 250)]
    public void Keeps_the_last_bars_in_order_as_it_slides(int capacity, int appended)
    {
        var bars = Bars.Trending(0.1, appended);
        var window = new BarWindow(capacity);

        foreach (var bar in bars) Assert.True(window.Append(bar));

        var expected = bars.TakeLast(capacity).ToArray();
        Assert.Equal(expected, window.Bars.ToArray());
        Assert.Equal(expected.Length, window.Count);
        Assert.Equal(bars[^1], window.Last);
        Assert.Equal(bars[^1].Time, window.LastTime);
    }

    [Fact]
    public void Holds_the_right_bars_after_every_single_append()
    {
        var bars = Bars.Trending(0.2, 40);
        var window = new BarWindow(7);

        for (var i = 0; i < bars.Length; i++)
        {
            window.Append(bars[i]);
            Assert.Equal(bars[Math.Max(0, i - 6)..(i + 1)], window.Bars.ToArray());
        }
    }

    [Fact]
    public void Ignores_a_bar_not_after_the_last_one()
    {
        var bars = Bars.Trending(0.1, 3);
        var window = new BarWindow(5);
        window.Append(bars[0]);
        window.Append(bars[2]);

        Assert.False(window.Append(bars[2] with { Close = 999 }));
        Assert.False(window.Append(bars[1]));

        Assert.Equal([bars[0], bars[2]], window.Bars.ToArray());
    }

    [Fact]
    public void Is_empty_until_the_first_bar()
    {
        var window = new BarWindow(5);

        Assert.Equal(0, window.Count);
        Assert.Null(window.LastTime);
        Assert.True(window.Bars.IsEmpty);
    }

    [Fact]
    public void Shrinking_keeps_the_newest_bars()
    {
        var bars = Bars.Trending(0.1, 12);
        var window = new BarWindow(10);
        foreach (var bar in bars) window.Append(bar);

        window.Resize(4);

        Assert.Equal(bars[^4..], window.Bars.ToArray());
        var next = bars[^1] with { Time = bars[^1].Time.AddMinutes(1) };
        window.Append(next);
        Assert.Equal([.. bars[^3..], next], window.Bars.ToArray());
    }

    [Fact]
    public void Growing_keeps_every_bar_and_then_holds_more()
    {
        var bars = Bars.Trending(0.1, 20);
        var window = new BarWindow(5);
        foreach (var bar in bars[..8]) window.Append(bar);

        window.Resize(10);
        Assert.Equal(bars[3..8], window.Bars.ToArray());

        foreach (var bar in bars[8..]) window.Append(bar);
        Assert.Equal(bars[^10..], window.Bars.ToArray());
    }
}
