using System.Globalization;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Indicators;

/// <summary>One shared price file with its <c>.talib.csv</c> reference values (empty cells as NaN).</summary>
internal sealed record TaLibReference(Bar[] Bars, string[] Dates, Dictionary<string, double[]> Columns)
{
    public static readonly string[] ColumnNames =
        ["SMA20", "EMA20", "RSI14", "MACD", "MACDSignal", "MACDHist", "BBUpper", "BBMiddle", "BBLower", "ATR14", "StdDev20", "OBV", "VolumeRatio20"];

    /// <summary>Names (without folder) of every <c>*.talib.csv</c> in the shared market folder.</summary>
    public static IEnumerable<string> ReferenceFiles() =>
        Directory.GetFiles(SharedData.MarketFolder, "*.talib.csv").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);

    public static TaLibReference Load(string talibFileName)
    {
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile(talibFileName.Replace(".talib.csv", ".csv", StringComparison.Ordinal)));
        var lines = File.ReadAllLines(SharedData.MarketFile(talibFileName));
        var header = lines[0].Split(',');
        Assert.Equal(["Date", .. ColumnNames], header);

        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var columns = new Dictionary<string, double[]>();
        for (var c = 1; c < header.Length; c++)
        {
            var column = c;
            columns[header[c]] = rows.Select(r => r[column].Length == 0 ? double.NaN : double.Parse(r[column], CultureInfo.InvariantCulture)).ToArray();
        }
        return new TaLibReference(bars, rows.Select(r => r[0]).ToArray(), columns);
    }
}
