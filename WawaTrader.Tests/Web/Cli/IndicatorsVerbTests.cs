using System.Globalization;
using WawaTrader.Web.Cli;

namespace WawaTrader.Tests.Web.Cli;

public sealed class IndicatorsVerbTests
{
    [Theory]
    [InlineData("SPY-2017-2018-daily.csv")]
    [InlineData("SPY-2020-12-1min.csv")]
    public async Task Prints_the_indicator_set_matching_the_talib_reference(string file)
    {
        var (code, stdout, stderr) = await RunAsync("indicators", "--csv", SharedData.MarketFile(file));

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var ours = stdout.TrimEnd('\n').Split('\n');
        var reference = File.ReadAllLines(SharedData.MarketFile(file.Replace(".csv", ".talib.csv")));
        Assert.Equal(reference.Length, ours.Length);
        Assert.Equal(IndicatorsVerb.Header, ours[0]);
        Assert.Equal(reference[0], ours[0]);
        var close = File.ReadAllLines(SharedData.MarketFile(file)).Skip(1).Select(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)).ToArray();
        var volume = File.ReadAllLines(SharedData.MarketFile(file)).Skip(1).Select(l => double.Parse(l.Split(',')[5], CultureInfo.InvariantCulture)).ToArray();
        for (var row = 1; row < ours.Length; row++)
        {
            var a = ours[row].Split(',');
            var b = reference[row].Split(',');
            Assert.Equal(b[0], a[0]);
            for (var col = 1; col < b.Length; col++)
            {
                Assert.True(b[col].Length == 0 == (a[col].Length == 0), $"row {row} {ours[0].Split(',')[col]}: ours '{a[col]}' vs TA-Lib '{b[col]}'");
                if (b[col].Length == 0) continue;
                var x = double.Parse(a[col], CultureInfo.InvariantCulture);
                var y = double.Parse(b[col], CultureInfo.InvariantCulture);
                var scale = ours[0].Split(',')[col] switch { "RSI14" => 100, "OBV" => volume[row - 1], "VolumeRatio20" => 1, _ => close[row - 1] };
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(y), scale), $"row {row} {ours[0].Split(',')[col]}: {x} vs {y}");
            }
        }
    }

    [Fact]
    public async Task A_series_shorter_than_a_period_prints_empty_cells_in_that_column()
    {
        var bars = WawaTrader.Tests.Builders.Bars.Trending(0.3, 15);
        using var output = new StringWriter();

        await IndicatorsVerb.WriteAsync(bars, output, CancellationToken.None);

        var rows = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(16, rows.Length);
        var header = rows[0].Split(',');
        var last = rows[^1].Split(',');
        foreach (var column in new[] { "SMA20", "EMA20", "MACD", "MACDSignal", "MACDHist", "BBUpper", "BBMiddle", "BBLower", "StdDev20", "VolumeRatio20" })
            Assert.All(rows.Skip(1), row => Assert.Equal("", row.Split(',')[Array.IndexOf(header, column)]));
        Assert.Equal(100.0, double.Parse(last[Array.IndexOf(header, "RSI14")], CultureInfo.InvariantCulture)); // 15 bars: RSI 14 exists at the last
        Assert.NotEqual("", last[Array.IndexOf(header, "ATR14")]);
        Assert.All(rows.Skip(1), row => Assert.NotEqual("", row.Split(',')[Array.IndexOf(header, "OBV")]));
    }

    [Fact]
    public async Task Malformed_file_is_refused_with_the_line_and_a_non_zero_exit_code()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("wawatrader-cli-").FullName, "bad.csv");
        await File.WriteAllTextAsync(path, "Date,Open,High,Low,Close,Volume\n2020-01-01,1,2,0.5,1.5,100\n2020-01-02,1,2,0.5,abc,100\n");

        var (code, stdout, stderr) = await RunAsync("indicators", "--csv", path);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("line 3", stderr);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public async Task Missing_file_is_refused_naming_it()
    {
        var (code, _, stderr) = await RunAsync("indicators", "--csv", "/nonexistent/prices.csv");

        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/prices.csv", stderr);
    }

    [Fact]
    public async Task Missing_option_is_a_usage_error()
    {
        var (code, _, stderr) = await RunAsync("indicators");

        Assert.Equal(2, code);
        Assert.Contains("--csv", stderr);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
