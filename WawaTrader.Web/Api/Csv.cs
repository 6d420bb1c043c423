using System.Globalization;
using System.Text;

namespace WawaTrader.Web.Api;

/// <summary>
/// Writes CSV as RFC 4180 says: CRLF line ends, a header row, a field quoted (with its quotes doubled) when it holds a comma,
/// a quote or a line break. Values in the invariant culture: numbers round-trip, times ISO 8601 UTC with <c>Z</c>, NaN empty.
/// UTF-8 without a byte order mark.
/// </summary>
internal static class Csv
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the header, then one line per row as it is enumerated, flushing every few hundred rows.</summary>
    public static async Task WriteAsync<T>(
        Stream stream, IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, object?[]> fields, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, Utf8, bufferSize: 32 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Line(header));
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Line(fields(row)));
            if (++count % 500 == 0) await writer.FlushAsync(cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    public static string Line(IEnumerable<object?> values) => string.Join(',', values.Select(Field));

    /// <summary>One field, quoted when needed.</summary>
    public static string Field(object? value) => value switch
    {
        null => "",
        string s => Quote(s),
        double d => double.IsFinite(d) ? d.ToString("R", Invariant) : "",
        float f => float.IsFinite(f) ? f.ToString("R", Invariant) : "",
        decimal m => (m / 1.0000000000000000000000000000m).ToString(Invariant), // without trailing zeros: 26.0 → 26
        DateTime t => Time(t),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        IFormattable f => Quote(f.ToString(null, Invariant)),
        _ => Quote(value.ToString() ?? ""),
    };

    /// <summary>ISO 8601 in UTC with <c>Z</c>; a time of unspecified kind is taken as UTC already.</summary>
    public static string Time(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", Invariant);
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
