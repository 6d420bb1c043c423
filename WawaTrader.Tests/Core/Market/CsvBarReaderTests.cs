using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Market;

public sealed class CsvBarReaderTests
{
    public static TheoryData<string> SharedPriceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SharedData.MarketFolder, "*.csv").Where(f => !f.EndsWith(".talib.csv", StringComparison.Ordinal)).Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(SharedPriceFiles))]
    public void Reads_every_shared_price_file(string fileName)
    {
        var path = SharedData.MarketFile(fileName);
        var dataLines = File.ReadLines(path).Skip(1).Count(l => l.Length > 0);

        var bars = CsvBarReader.ReadFile(path);

        Assert.Equal(dataLines, bars.Length);
        Assert.All(bars, b => Assert.Equal(DateTimeKind.Utc, b.Time.Kind));
        Assert.All(bars.Zip(bars.Skip(1)), pair => Assert.True(pair.Second.Time > pair.First.Time));
    }

    [Fact]
    public void Parses_daily_values_exactly()
    {
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        Assert.Equal(new Bar(new DateTime(2017, 1, 3, 0, 0, 0, DateTimeKind.Utc), 212.61, 213.35, 211.52, 212.8, 96708880), bars[0]);
    }

    [Fact]
    public void Parses_intraday_times_as_UTC()
    {
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2020-12-1min.csv"));
        Assert.Equal(new DateTime(2020, 12, 15, 9, 31, 0, DateTimeKind.Utc), bars[1].Time);
        Assert.Equal(173406, bars[1].Volume);
    }

    [Fact]
    public async Task Reads_asynchronously_the_same_bars()
    {
        var path = SharedData.MarketFile("GOOG-2004-2013-daily.csv");
        Assert.Equal(CsvBarReader.ReadFile(path), await CsvBarReader.ReadFileAsync(path, default));
    }

    [Fact]
    public void Skips_blank_lines_and_accepts_a_header_only_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("A.csv", "Date,Open,High,Low,Close,Volume\r\n\r\n2024-01-02,1,2,0.5,1.5,10\r\n\r\n");
        Assert.Single(CsvBarReader.ReadFile(path));
        Assert.Empty(CsvBarReader.ReadFile(folder.Write("B.csv", "Date,Open,High,Low,Close,Volume\n")));
    }

    public static TheoryData<string, int, string> MalformedFiles() => new()
    {
        { "2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,0.5,1.5\n", 3, "expected 6 columns" },
        { "2024-01-02,1,2,0.5,1.5,10,7\n", 2, "but found 7" },
        { "2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,abc,1.5,10\n", 3, "Low 'abc' is not a number" },
        { "2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,1,1.5,10\n01/04/2024,1,2,1,1.5,10\n", 4, "Date '01/04/2024'" },
        { "2024-01-02,1,2,0.5,NaN,10\n", 2, "Close is 'NaN', not a finite number" },
        { "2024-01-02,1,Infinity,0.5,1,10\n", 2, "High is 'Infinity'" },
        { "2024-01-02,1,2,3,1.5,10\n", 2, "high 2 is below low 3" },
        { "2024-01-02,1,2,0.5,1.5,-10\n", 2, "volume -10 is negative" },
        { "2024-01-02,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,1.5,10\n", 3, "duplicates the previous" },
        { "2024-01-03,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,1.5,10\n", 3, "is before the previous" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Malformed_line_is_reported_with_file_and_line_number(string body, int line, string fragment)
    {
        using var folder = new TempFolder();
        var path = folder.Write("BAD.csv", CsvBarReader.Header + "\n" + body);

        var error = Assert.Throws<CsvFormatException>(() => CsvBarReader.ReadFile(path));

        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith($"{path}, line {line}: ", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Time,O,H,L,C,V\n2024-01-02,1,2,0.5,1.5,10\n")]
    public void Missing_header_is_reported_on_line_one(string content)
    {
        using var folder = new TempFolder();
        var path = folder.Write("NOHEADER.csv", content);
        var error = Assert.Throws<CsvFormatException>(() => CsvBarReader.ReadFile(path));
        Assert.Equal(1, error.LineNumber);
        Assert.Contains("expected the header", error.Message);
    }
}
