using System.Globalization;
using WawaTrader.Core.Indicators;

namespace WawaTrader.Core.Market;

/// <summary>
/// Reads bar files in the <c>Date,Open,High,Low,Close,Volume</c> format of the shared market data: a header line, then
/// one bar per line, oldest first; dates <c>yyyy-MM-dd</c> or <c>yyyy-MM-ddTHH:mm:ss</c> taken as UTC; invariant-culture
/// numbers. Blank lines are skipped. Any malformed line (column count, number, date, non-finite value, high below low,
/// negative volume, a date not after the previous one) throws <see cref="CsvFormatException"/> naming file and line.
/// </summary>
public static class CsvBarReader
{
    /// <summary>The header every file starts with (compared ignoring case and surrounding spaces).</summary>
    public const string Header = "Date,Open,High,Low,Close,Volume";

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss"];
    private static readonly string[] ColumnNames = ["Date", "Open", "High", "Low", "Close", "Volume"];

    /// <summary>Reads a whole file.</summary>
    /// <exception cref="CsvFormatException">A malformed line.</exception>
    public static async Task<Bar[]> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        using var reader = new StringReader(text);
        return Parse(reader, path);
    }

    /// <summary>Reads a whole file synchronously (tests, tools).</summary>
    /// <exception cref="CsvFormatException">A malformed line.</exception>
    public static Bar[] ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses bar lines from <paramref name="reader"/>; <paramref name="sourceName"/> names the source in errors.</summary>
    /// <exception cref="CsvFormatException">A malformed line.</exception>
    public static Bar[] Parse(TextReader reader, string sourceName)
    {
        var header = reader.ReadLine();
        if (header is null || !header.Trim().Equals(Header, StringComparison.OrdinalIgnoreCase))
            throw new CsvFormatException(sourceName, 1, $"expected the header '{Header}' but found '{header ?? "(empty file)"}'");

        var bars = new List<Bar>();
        Span<Range> fields = stackalloc Range[ColumnNames.Length];
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var bar = ParseLine(line, fields, sourceName, lineNumber);
            var problem = BarSeriesValidator.DescribeProblem(bar)
                ?? (bars.Count > 0 ? BarSeriesValidator.DescribeOrderProblem(bars[^1].Time, bar.Time) : null);
            if (problem is not null) throw new CsvFormatException(sourceName, lineNumber, problem);
            bars.Add(bar);
        }
        return bars.ToArray();
    }

    private static Bar ParseLine(string line, Span<Range> fields, string source, int lineNumber)
    {
        var text = line.AsSpan();
        var columns = text.Count(',') + 1;
        if (columns != ColumnNames.Length)
            throw new CsvFormatException(source, lineNumber, $"expected {ColumnNames.Length} columns ({Header}) but found {columns}");
        text.Split(fields, ',');

        var dateText = text[fields[0]].Trim();
        if (!DateTime.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            throw new CsvFormatException(source, lineNumber, $"Date '{dateText}' is not yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss");

        return new Bar(time,
            Number(text[fields[1]], 1, source, lineNumber),
            Number(text[fields[2]], 2, source, lineNumber),
            Number(text[fields[3]], 3, source, lineNumber),
            Number(text[fields[4]], 4, source, lineNumber),
            Number(text[fields[5]], 5, source, lineNumber));
    }

    private static double Number(ReadOnlySpan<char> field, int column, string source, int lineNumber)
    {
        var trimmed = field.Trim();
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new CsvFormatException(source, lineNumber, $"{ColumnNames[column]} '{trimmed}' is not a number");
        if (!double.IsFinite(value))
            throw new CsvFormatException(source, lineNumber, $"{ColumnNames[column]} is '{trimmed}', not a finite number");
        return value;
    }
}
