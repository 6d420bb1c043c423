using System.Globalization;
using System.Runtime.CompilerServices;

namespace WawaTrader.Core.Text;

/// <summary>
/// Reason texts that cost nothing when nobody will read them. <c>Prose.Format(explain, $"RSI14 {rsi:0.0} oversold")</c> formats
/// with the invariant culture when <c>explain</c> is true and returns <see cref="string.Empty"/> without evaluating a single hole
/// (no number formatting, no allocation) when it is false. The live agent always explains; a technical-only backtest, which
/// keeps only the numbers of each decision, does not, and takes the same decisions because the text never feeds back into them.
/// </summary>
public static class Prose
{
    /// <summary>The formatted text when <paramref name="explain"/>; otherwise "" with the holes left unevaluated.</summary>
    public static string Format(bool explain, [InterpolatedStringHandlerArgument(nameof(explain))] ref Handler text) =>
        explain ? text.ToStringAndClear() : "";

    /// <summary>Builds the text only when asked to (see <see cref="Format"/>); invariant culture.</summary>
    [InterpolatedStringHandler]
    public ref struct Handler
    {
        private DefaultInterpolatedStringHandler _inner;

        public Handler(int literalLength, int formattedCount, bool explain, out bool shouldAppend)
        {
            shouldAppend = explain;
            _inner = explain ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
        }

        public void AppendLiteral(string value) => _inner.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

        public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

        public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

        public void AppendFormatted(ReadOnlySpan<char> value) => _inner.AppendFormatted(value);

        public string ToStringAndClear() => _inner.ToStringAndClear();
    }
}
