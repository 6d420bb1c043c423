using System.Buffers.Binary;
using WawaTrader.Core.Indicators;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// The binary form of a decision's indicator snapshot (column <c>indicators</c>, version <see cref="Version"/>): about a third of
/// the bytes of the compact JSON (<see cref="CompactJournalJson"/>, column <c>indicators_json</c> of the rows written before).
/// <list type="bullet">
/// <item>Byte 0: the version. Byte 1: flags; bit 0 set = the snapshot's time is stored (8 bytes, <see cref="DateTime.ToBinary"/>,
/// little-endian, right after the tags); clear = it is the row's bar time (UTC, a whole number of microseconds, so both providers
/// keep it exactly).</item>
/// <item>Bytes 2–5: a 2-bit tag for each of the 16 values in the record's order (value i in bits 2·(i mod 4) of byte 2 + i/4):
/// 0 = 8 bytes IEEE 754, little-endian; 1 = a whole number of hundredths (zigzag varint n, the value is exactly n / 100.0);
/// 2 = NaN (the canonical <see cref="double.NaN"/>); 3 = derived (only these four): the Bollinger middle as SMA20, the MACD
/// histogram as MACD − signal, the Bollinger upper and lower bands as middle ± 2 × StdDev20 — how the kernels compute them.</item>
/// <item>Then the values' bytes in order.</item>
/// </list>
/// Each shortcut is taken only when it gives back the same bits, so reading gives back exactly the snapshot that was written.
/// </summary>
internal static class CompactIndicatorBytes
{
    public const byte Version = 3;

    private const int Values = 16;
    private const int HeaderLength = 2 + Values / 4;
    private const byte TimeStored = 1;
    private const int Double = 0, Hundredths = 1, NaN = 2, Derived = 3;
    private const int Sma20Index = 2, MacdIndex = 6, SignalIndex = 7, HistogramIndex = 8, UpperIndex = 9, MiddleIndex = 10, LowerIndex = 11,
        StdDevIndex = 13;

    /// <summary>The derived values in the order they are computed (each from values known by then).</summary>
    private static readonly int[] s_derivedOrder = [MiddleIndex, HistogramIndex, UpperIndex, LowerIndex];

    private static readonly long s_nanBits = BitConverter.DoubleToInt64Bits(double.NaN);

    /// <summary>The bytes of <paramref name="s"/> in a row whose bar time is <paramref name="barTime"/>.</summary>
    public static byte[] Serialize(IndicatorSnapshot s, DateTime barTime)
    {
        ArgumentNullException.ThrowIfNull(s);
        Span<double> values = [s.Close, s.PreviousClose, s.Sma20, s.Sma50, s.Ema20, s.Rsi14, s.Macd, s.MacdSignal, s.MacdHistogram,
            s.BollingerUpper, s.BollingerMiddle, s.BollingerLower, s.Atr14, s.StdDev20, s.Obv, s.VolumeRatio20];
        Span<byte> buffer = stackalloc byte[HeaderLength + 8 + Values * 10];
        buffer.Clear();
        buffer[0] = Version;
        var length = HeaderLength;
        if (!IsRowBarTime(s.Time, barTime))
        {
            buffer[1] = TimeStored;
            BinaryPrimitives.WriteInt64LittleEndian(buffer[length..], s.Time.ToBinary());
            length += 8;
        }
        for (var i = 0; i < Values; i++)
        {
            var v = values[i];
            var bits = BitConverter.DoubleToInt64Bits(v);
            int tag;
            if (s_derivedOrder.Contains(i) && BitConverter.DoubleToInt64Bits(DerivedValue(i, values)) == bits) tag = Derived;
            else if (bits == s_nanBits) tag = NaN;
            else if (AsHundredths(v, bits) is { } n && VarintLength(n) < 8)
            {
                tag = Hundredths;
                length += WriteVarint(buffer[length..], n);
            }
            else
            {
                tag = Double;
                BinaryPrimitives.WriteDoubleLittleEndian(buffer[length..], v);
                length += 8;
            }
            buffer[2 + i / 4] |= (byte)(tag << (2 * (i % 4)));
        }
        return buffer[..length].ToArray();
    }

    /// <summary>The snapshot <paramref name="bytes"/> hold, in a row whose bar time is <paramref name="barTime"/>.</summary>
    public static IndicatorSnapshot Deserialize(ReadOnlySpan<byte> bytes, DateTime barTime)
    {
        if (bytes.Length < HeaderLength) throw Malformed($"{bytes.Length} bytes are too few");
        if (bytes[0] != Version) throw Malformed($"format version {bytes[0]} is not known (this build reads {Version})");
        if ((bytes[1] & ~TimeStored) != 0) throw Malformed($"flags {bytes[1]} are not known");
        var position = HeaderLength;
        var time = barTime;
        if ((bytes[1] & TimeStored) != 0)
        {
            time = DateTime.FromBinary(Read64(bytes, ref position));
        }
        Span<double> v = stackalloc double[Values];
        for (var i = 0; i < Values; i++)
        {
            v[i] = Tag(bytes, i) switch
            {
                Double => BitConverter.Int64BitsToDouble(Read64(bytes, ref position)),
                Hundredths => ReadVarint(bytes, ref position) / 100.0,
                NaN => double.NaN,
                _ => s_derivedOrder.Contains(i) ? 0 : throw Malformed($"value {i} cannot be derived"),
            };
        }
        foreach (var i in s_derivedOrder)
        {
            if (Tag(bytes, i) == Derived) v[i] = DerivedValue(i, v);
        }
        if (position != bytes.Length) throw Malformed($"{bytes.Length - position} bytes are left over");
        return new IndicatorSnapshot(time, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]);
    }

    /// <summary>Whether the snapshot's time can be left to the row: the same UTC instant, in whole microseconds (PostgreSQL's precision).</summary>
    private static bool IsRowBarTime(DateTime time, DateTime barTime) =>
        time.Kind == DateTimeKind.Utc && barTime.Kind == DateTimeKind.Utc && time.Ticks == barTime.Ticks && time.Ticks % 10 == 0;

    private static int Tag(ReadOnlySpan<byte> bytes, int i) => (bytes[2 + i / 4] >> (2 * (i % 4))) & 3;

    /// <summary>Derived value <paramref name="i"/> (one of <see cref="s_derivedOrder"/>) from the others.</summary>
    private static double DerivedValue(int i, ReadOnlySpan<double> values) => i switch
    {
        MiddleIndex => values[Sma20Index],
        HistogramIndex => values[MacdIndex] - values[SignalIndex],
        UpperIndex => values[MiddleIndex] + 2 * values[StdDevIndex],
        _ => values[MiddleIndex] - 2 * values[StdDevIndex],
    };

    private static long? AsHundredths(double v, long bits)
    {
        if (!double.IsFinite(v) || Math.Abs(v) > 1e15) return null;
        var n = (long)Math.Round(v * 100);
        return BitConverter.DoubleToInt64Bits(n / 100.0) == bits ? n : null;
    }

    private static int VarintLength(long n)
    {
        var z = (ulong)((n << 1) ^ (n >> 63));
        var length = 1;
        while ((z >>= 7) != 0) length++;
        return length;
    }

    private static int WriteVarint(Span<byte> to, long n)
    {
        var z = (ulong)((n << 1) ^ (n >> 63));
        var length = 0;
        while (z >= 0x80)
        {
            to[length++] = (byte)(z | 0x80);
            z >>= 7;
        }
        to[length++] = (byte)z;
        return length;
    }

    private static long ReadVarint(ReadOnlySpan<byte> from, ref int position)
    {
        ulong z = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= from.Length) throw Malformed("a number runs past the end");
            var b = from[position++];
            z |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return (long)(z >> 1) ^ -(long)(z & 1);
        }
        throw Malformed("a number is too long");
    }

    private static long Read64(ReadOnlySpan<byte> from, ref int position)
    {
        if (position + 8 > from.Length) throw Malformed("a value runs past the end");
        var value = BinaryPrimitives.ReadInt64LittleEndian(from[position..]);
        position += 8;
        return value;
    }

    private static InvalidOperationException Malformed(string why) => new($"The stored indicator snapshot cannot be read: {why}.");
}
