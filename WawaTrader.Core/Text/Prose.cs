using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string Format(bool explain, [InterpolatedStringHandlerArgument(nameof(explain))] ref Handler text) =>
        explain ? text.ToStringAndClear() : "";

    /// <summary>
    /// Builds the text only when asked to (see <see cref="Format"/>), invariant culture. It is one reference wide, so a text not
    /// asked for costs a branch (a handler that embedded the runtime's own formatting buffer cost ~7 ns to set up, every time);
    /// an asked-for text is written into this thread's reusable builder.
    /// </summary>
    [InterpolatedStringHandler]
    public ref struct Handler
    {
        private const int MaxCachedCapacity = 1024;

        [ThreadStatic]
        private static StringBuilder? t_cached;

        private StringBuilder? _text;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Handler(int literalLength, int formattedCount, bool explain, out bool shouldAppend)
        {
            shouldAppend = explain;
            _text = explain ? Rent(literalLength + 8 * formattedCount) : null;
        }

        public readonly void AppendLiteral(string value) => _text!.Append(value);

        public readonly void AppendFormatted<T>(T value) => AppendFormatted(value, null);

        public readonly void AppendFormatted<T>(T value, string? format)
        {
            var text = _text!;
            Span<char> buffer = stackalloc char[64];
            int written;
            // Value types formatted in place, without boxing (the JIT keeps only the branch for T).
            if (typeof(T) == typeof(double) && ((double)(object)value!).TryFormat(buffer, out written, format, CultureInfo.InvariantCulture)) text.Append(buffer[..written]);
            else if (typeof(T) == typeof(decimal) && ((decimal)(object)value!).TryFormat(buffer, out written, format, CultureInfo.InvariantCulture)) text.Append(buffer[..written]);
            else if (typeof(T) == typeof(int) && ((int)(object)value!).TryFormat(buffer, out written, format, CultureInfo.InvariantCulture)) text.Append(buffer[..written]);
            else if (value is IFormattable formattable) text.Append(formattable.ToString(format, CultureInfo.InvariantCulture));
            else text.Append(value?.ToString());
        }

        public readonly void AppendFormatted(string? value) => _text!.Append(value);

        public readonly void AppendFormatted(ReadOnlySpan<char> value) => _text!.Append(value);

        public string ToStringAndClear()
        {
            var text = _text!;
            _text = null;
            var result = text.ToString();
            if (text.Capacity <= MaxCachedCapacity) t_cached = text;
            return result;
        }

        private static StringBuilder Rent(int capacity)
        {
            var text = t_cached;
            if (text is null) return new StringBuilder(Math.Max(capacity, 64));
            t_cached = null; // taken while in use, so a nested Format (a hole that formats) gets its own
            return text.Clear();
        }
    }
}
