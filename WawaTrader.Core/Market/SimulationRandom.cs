namespace WawaTrader.Core.Market;

/// <summary>
/// SplitMix64: a small, fast generator whose sequence is fixed by its seed on every platform and .NET version
/// (unlike <see cref="Random"/>, whose algorithm is an implementation detail), so a simulation seed replays exactly.
/// </summary>
internal sealed class SimulationRandom(ulong seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state = seed;

    /// <summary>The stream of <paramref name="seed"/> after <paramref name="draws"/> values: SplitMix64's state only counts, so
    /// skipping ahead costs one multiplication (wrapping, as the state does).</summary>
    public static SimulationRandom At(ulong seed, ulong draws) => new(unchecked(seed + draws * Gamma));

    public ulong NextUInt64()
    {
        var z = _state += Gamma;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller, one value per call).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble(); // (0, 1]: the logarithm stays finite
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A seed for one stream, mixed from the simulation seed and a name (FNV-1a, stable across runs,
    /// unlike <see cref="string.GetHashCode()"/>).</summary>
    public static ulong SeedFor(int seed, string name, ulong salt)
    {
        var hash = 0xCBF29CE484222325UL ^ salt;
        foreach (var ch in name.ToUpperInvariant())
        {
            hash ^= ch;
            hash *= 0x100000001B3UL;
        }
        return hash ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
    }
}
