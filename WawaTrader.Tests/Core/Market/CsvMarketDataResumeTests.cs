using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Market;

public sealed class CsvMarketDataResumeTests
{
    private static readonly DateTimeOffset WallStart = new(2025, 3, 10, 14, 30, 0, TimeSpan.Zero);

    private static CsvMarketData Create(TimeProvider time, string folder, string[] watchlist, int warmup, ResumePoint resume) =>
        new(Options.Create(new SimulationOptions { WarmupBars = warmup, BarSeconds = 1 }),
            Options.Create(new TradingOptions { Market = "Csv", CsvFolder = folder, Watchlist = watchlist }),
            time, new RecordedResume(resume));

    private static ResumePoint After(params (string Symbol, Bar Bar)[] bars) =>
        new(bars.ToDictionary(b => b.Symbol, b => new RecordedBar(b.Bar.Time, b.Bar.Close), StringComparer.OrdinalIgnoreCase));

    [Fact]
    public async Task Resumes_the_replay_after_the_last_recorded_row()
    {
        using var folder = new TempFolder();
        var file = Bars.Trending(0.1, 200);
        folder.Write("ABC.csv", Bars.ToCsv(file));
        var time = new FakeTimeProvider(WallStart);
        var market = Create(time, folder.Path, ["ABC"], warmup: 10, After(("ABC", file[119])));

        var history = await market.GetHistoryAsync("ABC", 1_000, default);
        time.Advance(TimeSpan.FromSeconds(3));
        var fresh = await market.GetBarsSinceAsync("ABC", history[^1].Time, default);

        Assert.Equal(file.Take(120), history);
        Assert.Equal(file.Skip(120).Take(3), fresh);
    }

    [Fact]
    public async Task A_symbol_never_recorded_resumes_at_the_latest_recorded_time()
    {
        using var folder = new TempFolder();
        var file = Bars.Trending(0.1, 200);
        folder.Write("ABC.csv", Bars.ToCsv(file));
        folder.Write("XYZ.csv", Bars.ToCsv(file));
        var market = Create(new FakeTimeProvider(WallStart), folder.Path, ["ABC", "XYZ"], warmup: 10, After(("ABC", file[79])));

        var history = await market.GetHistoryAsync("XYZ", 1_000, default);

        Assert.Equal(file[79].Time, history[^1].Time);
    }

    [Fact]
    public async Task A_recorded_row_inside_the_warm_up_keeps_the_warm_up()
    {
        using var folder = new TempFolder();
        var file = Bars.Trending(0.1, 50);
        folder.Write("ABC.csv", Bars.ToCsv(file));
        var market = Create(new FakeTimeProvider(WallStart), folder.Path, ["ABC"], warmup: 10, After(("ABC", file[3])));

        Assert.Equal(file.Take(10), await market.GetHistoryAsync("ABC", 100, default));
    }
}
