using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Market;

public sealed class CsvMarketDataTests
{
    private static readonly DateTimeOffset WallStart = new(2025, 3, 10, 14, 30, 0, TimeSpan.Zero);

    private static CsvMarketData Create(TimeProvider time, string folder, string[] watchlist, int warmup, double barSeconds = 1) =>
        new(Options.Create(new SimulationOptions { WarmupBars = warmup, BarSeconds = barSeconds }),
            Options.Create(new TradingOptions { Market = "Csv", CsvFolder = folder, Watchlist = watchlist }),
            time);

    [Fact]
    public async Task Warm_up_rows_are_history_at_start()
    {
        using var folder = new TempFolder();
        var file = Bars.Trending(0.1, 50);
        folder.Write("ABC.csv", Bars.ToCsv(file));
        var market = Create(new FakeTimeProvider(WallStart), folder.Path, ["ABC"], warmup: 10);

        Assert.Equal(file.Take(10), await market.GetHistoryAsync("ABC", 100, default));
        Assert.Equal(file.Skip(7).Take(3), await market.GetHistoryAsync("ABC", 3, default));
    }

    [Fact]
    public async Task Releases_one_row_per_bar_period()
    {
        using var folder = new TempFolder();
        var file = Bars.Trending(0.1, 50);
        folder.Write("ABC.csv", Bars.ToCsv(file));
        var time = new FakeTimeProvider(WallStart);
        var market = Create(time, folder.Path, ["ABC"], warmup: 10, barSeconds: 0.5);

        time.Advance(TimeSpan.FromSeconds(0.5) * 3);

        Assert.Equal(file.Skip(10).Take(3), await market.GetBarsSinceAsync("ABC", file[9].Time, default));
    }

    [Fact]
    public async Task Replay_ends_when_the_file_ends()
    {
        using var folder = new TempFolder();
        var file = Bars.Trending(-0.1, 20);
        folder.Write("ABC.csv", Bars.ToCsv(file));
        var time = new FakeTimeProvider(WallStart);
        var market = Create(time, folder.Path, ["ABC"], warmup: 5);

        time.Advance(TimeSpan.FromSeconds(100));

        Assert.Equal(file, await market.GetHistoryAsync("ABC", 1000, default));
        Assert.Empty(await market.GetBarsSinceAsync("ABC", file[^1].Time, default));
    }

    [Fact]
    public async Task Replays_a_shared_file_with_its_own_times()
    {
        var market = Create(new FakeTimeProvider(WallStart), SharedData.MarketFolder, ["SPY-2020-12-1min"], warmup: 300);

        var history = await market.GetHistoryAsync("SPY-2020-12-1MIN", 1000, default);

        Assert.Equal(300, history.Count);
        Assert.Equal(new DateTime(2020, 12, 15, 9, 30, 0, DateTimeKind.Utc), history[0].Time);
    }

    [Fact]
    public async Task Missing_file_names_the_expected_path()
    {
        using var folder = new TempFolder();
        var market = Create(new FakeTimeProvider(WallStart), folder.Path, ["XYZ"], warmup: 5);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => market.GetHistoryAsync("XYZ", 5, default));

        Assert.Contains(Path.Combine(folder.Path, "XYZ.csv"), error.Message);
    }

    [Fact]
    public async Task Malformed_file_fails_with_its_line()
    {
        using var folder = new TempFolder();
        folder.Write("BAD.csv", CsvBarReader.Header + "\n2024-01-02,1,2,0.5,oops,10\n");
        var market = Create(new FakeTimeProvider(WallStart), folder.Path, ["BAD"], warmup: 5);

        var error = await Assert.ThrowsAsync<CsvFormatException>(() => market.GetBarsSinceAsync("BAD", DateTime.MinValue, default));

        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public async Task Unknown_symbol_is_rejected()
    {
        using var folder = new TempFolder();
        folder.Write("ABC.csv", Bars.ToCsv(Bars.Flat(10, 5)));
        var market = Create(new FakeTimeProvider(WallStart), folder.Path, ["ABC"], warmup: 5);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => market.GetHistoryAsync("DEF", 5, default));

        Assert.Contains("Unknown symbol 'DEF'", error.Message);
    }
}
