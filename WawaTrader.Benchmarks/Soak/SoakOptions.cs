using System.Globalization;

namespace WawaTrader.Benchmarks.Soak;

/// <summary>What a soak run does: how many symbols the watchlist holds, how long it runs, and when the warm-up ends (the memory
/// baseline, and the start of the cycle and latency figures). Minutes are wall time.</summary>
public sealed record SoakOptions(int Symbols, double Minutes, double WarmupMinutes, double BarSeconds)
{
    public static readonly SoakOptions Default = new(500, 10, 2, 1);

    /// <summary>Reads <c>--symbols N --minutes M [--warmup W] [--bar-seconds S]</c>; an unknown or malformed argument is refused by name.</summary>
    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var o = Default;
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            double Number() => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{args[i]} must be a positive number, not '{value}'.");
            o = args[i] switch
            {
                "--symbols" => o with { Symbols = (int)Number() },
                "--minutes" => o with { Minutes = Number() },
                "--warmup" => o with { WarmupMinutes = Number() },
                "--bar-seconds" => o with { BarSeconds = Number() },
                _ => throw new ArgumentException($"Unknown soak argument '{args[i]}' (known: --symbols, --minutes, --warmup, --bar-seconds)."),
            };
        }
        if (o.WarmupMinutes >= o.Minutes) throw new ArgumentException($"--warmup ({o.WarmupMinutes}) must be shorter than --minutes ({o.Minutes}).");
        return o;
    }

    /// <summary>The watchlist: S000, S001, ... (the simulated market serves any ticker).</summary>
    public IEnumerable<string> Watchlist() => Enumerable.Range(0, Symbols).Select(i => $"S{i:000}");
}
