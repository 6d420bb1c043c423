using System.CommandLine;
using System.Globalization;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;

namespace WawaTrader.Web.Cli;

/// <summary>
/// <c>indicators --csv FILE</c>: the seed indicator set of a <c>Date,Open,High,Low,Close,Volume</c> file as CSV on stdout,
/// one row per bar, invariant culture, round-trip precision, empty cells during warm-up — the same columns as the
/// TA-Lib reference files, so anyone can diff our values against TA-Lib headless.
/// </summary>
public static class IndicatorsVerb
{
    public const string Header = "Date,SMA20,EMA20,RSI14,MACD,MACDSignal,MACDHist,BBUpper,BBMiddle,BBLower,ATR14,StdDev20,OBV,VolumeRatio20";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var csv = new Option<FileInfo>("--csv") { Description = "Input file: Date,Open,High,Low,Close,Volume", Required = true };
        var command = new Command("indicators", "Print the indicator set of a price file as CSV") { csv };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(csv)!;
            if (CliErrors.MissingFile(file.ToString()) is { } missing)
            {
                await error.WriteLineAsync($"indicators: {missing}");
                return 1;
            }
            Bar[] bars;
            try
            {
                bars = await CsvBarReader.ReadFileAsync(file.FullName, ct);
            }
            catch (Exception ex) when (ex is CsvFormatException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"indicators: {CliErrors.Sentence(ex)}");
                return 1;
            }
            await WriteAsync(bars, output, ct);
            return 0;
        });
        return command;
    }

    /// <summary>Computes the set over the whole series and writes it; dates keep the input's form (date only for daily bars).</summary>
    public static async Task WriteAsync(Bar[] bars, TextWriter output, CancellationToken cancellationToken)
    {
        var columns = Compute(bars);
        var dateOnly = bars.All(b => b.Time.TimeOfDay == TimeSpan.Zero);
        await output.WriteLineAsync(Header);
        var line = new System.Text.StringBuilder(256);
        for (var i = 0; i < bars.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line.Clear().Append(bars[i].Time.ToString(dateOnly ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            foreach (var column in columns)
            {
                line.Append(',');
                if (double.IsFinite(column[i])) line.Append(column[i].ToString("R", CultureInfo.InvariantCulture));
            }
            await output.WriteLineAsync(line);
        }
        await output.FlushAsync(cancellationToken);
    }

    private static double[][] Compute(Bar[] bars)
    {
        var n = bars.Length;
        double[] high = new double[n], low = new double[n], close = new double[n], volume = new double[n];
        for (var i = 0; i < n; i++) (high[i], low[i], close[i], volume[i]) = (bars[i].High, bars[i].Low, bars[i].Close, bars[i].Volume);
        var c = Enumerable.Range(0, 13).Select(_ => new double[n]).ToArray();
        if (n == 0) return c;
        if (FitsOrEmpty(20, c[0])) IndicatorKernels.Sma(close, 20, c[0]);
        if (FitsOrEmpty(20, c[1])) IndicatorKernels.Ema(close, 20, c[1]);
        if (FitsOrEmpty(14, c[2])) IndicatorKernels.Rsi(close, 14, c[2]);
        if (FitsOrEmpty(26, c[3], c[4], c[5])) IndicatorKernels.Macd(close, 12, 26, 9, c[3], c[4], c[5]);
        if (FitsOrEmpty(20, c[6], c[7], c[8])) IndicatorKernels.Bollinger(close, 20, 2, c[6], c[7], c[8]);
        if (FitsOrEmpty(14, c[9])) IndicatorKernels.Atr(high, low, close, 14, c[9]);
        if (FitsOrEmpty(20, c[10])) IndicatorKernels.StdDev(close, 20, c[10]);
        IndicatorKernels.Obv(close, volume, c[11]);
        if (FitsOrEmpty(20, c[12])) IndicatorKernels.VolumeRatio(volume, 20, c[12]);
        return c;
    }

    /// <summary>The kernels refuse a period longer than the series: a shorter file gets NaN (empty cells) in those columns.</summary>
    private static bool FitsOrEmpty(int period, params double[][] columns)
    {
        if (period <= columns[0].Length) return true;
        foreach (var column in columns) Array.Fill(column, double.NaN);
        return false;
    }
}
