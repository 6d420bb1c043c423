namespace WawaTrader.Core.Backtesting;

/// <summary>
/// Decision ids for one backtest run: version-7 GUIDs (RFC 9562) whose 48-bit timestamp is the decision's Unix time in
/// milliseconds and whose 62 low "random" bits are a per-run counter (the 12 bits after the version are 0). Ids therefore
/// sort by time, then by creation; are unique within the run; and the same run gives the same ids, without reading the
/// operating system's random source once per decision (a system call that cost a backtest more than all its analysis).
/// Not thread-safe: one run, one sequence.
/// </summary>
public sealed class SequentialDecisionIds
{
    private long _counter;

    /// <summary>The next id for a decision made at <paramref name="time"/> (not before 1970).</summary>
    public Guid Next(DateTimeOffset time) => IdFor(time, Reserve());

    /// <summary>Takes the next number of the sequence without making its id (<see cref="IdFor"/> makes it later, the same id
    /// <see cref="Next"/> would have made now): a backtest numbers every analysis but keeps the ids of few.</summary>
    internal long Reserve() => ++_counter;

    /// <summary>The id of sequence number <paramref name="number"/> for a decision made at <paramref name="time"/>.</summary>
    internal static Guid IdFor(DateTimeOffset time, long number)
    {
        var ms = time.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(ms, nameof(time));
        // unix_ts_ms (48) | ver 0111 (4) + rand_a 0 (12), then var 10 (2) | rand_b = counter (62); big-endian fields, as
        // new Guid(bytes, bigEndian: true) reads them.
        var high = ((ulong)ms << 16) | 0x7000UL;
        var low = 0x8000_0000_0000_0000UL | ((ulong)number & 0x3FFF_FFFF_FFFF_FFFFUL);
        return new Guid((uint)(high >> 32), (ushort)(high >> 16), (ushort)high,
            (byte)(low >> 56), (byte)(low >> 48), (byte)(low >> 40), (byte)(low >> 32), (byte)(low >> 24), (byte)(low >> 16), (byte)(low >> 8), (byte)low);
    }
}
