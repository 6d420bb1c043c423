using System.Globalization;

namespace WawaTrader.Benchmarks.Soak;

/// <summary>What a soak run does: how many symbols the watchlist holds, how long it runs, and when the warm-up ends (the memory
/// baseline, and the start of the cycle and latency figures). Minutes are wall time.
/// <see cref="Environment"/> is set for the app's process on top of the soak's own (<c>--env NAME=VALUE</c>, repeatable: to compare
/// a runtime or allocator setting, such as <c>MALLOC_ARENA_MAX=2</c>, on the same load).</summary>
public sealed record SoakOptions(int Symbols, double Minutes, double WarmupMinutes, double BarSeconds)
{
    public static readonly SoakOptions Default = new(500, 10, 2, 1);

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads <c>--symbols N --minutes M [--warmup W] [--bar-seconds S] [--env NAME=VALUE]...</c>; an unknown or malformed
    /// argument is refused by name.</summary>
    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var o = Default;
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            double Number() => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{args[i]} must be a positive number, not '{value}'.");
            string Name() => value.IndexOf('=') > 0 ? value[..value.IndexOf('=')] : throw new ArgumentException($"--env takes NAME=VALUE, not '{value}'.");
            o = args[i] switch
            {
                "--symbols" => o with { Symbols = (int)Number() },
                "--minutes" => o with { Minutes = Number() },
                "--warmup" => o with { WarmupMinutes = Number() },
                "--bar-seconds" => o with { BarSeconds = Number() },
                "--env" => o with { Environment = new Dictionary<string, string>(o.Environment) { [Name()] = value[(value.IndexOf('=') + 1)..] } },
                _ => throw new ArgumentException($"Unknown soak argument '{args[i]}' (known: --symbols, --minutes, --warmup, --bar-seconds, --env)."),
            };
        }
        if (o.WarmupMinutes >= o.Minutes) throw new ArgumentException($"--warmup ({o.WarmupMinutes}) must be shorter than --minutes ({o.Minutes}).");
        return o;
    }

    /// <summary>The watchlist: S000, S001, ... (the simulated market serves any ticker).</summary>
    public IEnumerable<string> Watchlist() => Enumerable.Range(0, Symbols).Select(i => $"S{i:000}");
}
