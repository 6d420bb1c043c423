using WawaTrader.Core.Backtesting;

namespace WawaTrader.Tests.Core.Backtesting;

public sealed class SequentialDecisionIdsTests
{
    private static readonly DateTimeOffset Time = new(2024, 3, 1, 14, 30, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Ids_are_version_7_with_the_rfc_variant_and_the_decision_time()
    {
        var id = new SequentialDecisionIds().Next(Time);

        Assert.Equal(7, id.Version);
        Assert.Equal(0b1000, id.Variant & 0b1100);
        var bytes = id.ToByteArray(bigEndian: true);
        var ms = 0L;
        for (var i = 0; i < 6; i++) ms = (ms << 8) | bytes[i];
        Assert.Equal(Time.ToUnixTimeMilliseconds(), ms);
    }

    [Fact]
    public void Ids_at_the_same_time_are_distinct_and_ascending()
    {
        var ids = new SequentialDecisionIds();

        var made = Enumerable.Range(0, 1000).Select(_ => ids.Next(Time)).ToList();

        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.Equal(made, made.OrderBy(g => g.ToString()).ToList());
    }

    [Fact]
    public void Later_times_sort_after_earlier_ones_whatever_the_counter()
    {
        var ids = new SequentialDecisionIds();
        for (var i = 0; i < 10; i++) ids.Next(Time);

        var later = ids.Next(Time.AddMilliseconds(1));
        var earlier = new SequentialDecisionIds().Next(Time);

        Assert.True(string.CompareOrdinal(later.ToString(), earlier.ToString()) > 0);
    }

    [Fact]
    public void The_same_run_gives_the_same_ids()
    {
        var a = new SequentialDecisionIds();
        var b = new SequentialDecisionIds();

        Assert.Equal(Enumerable.Range(0, 5).Select(i => a.Next(Time.AddMinutes(i))), Enumerable.Range(0, 5).Select(i => b.Next(Time.AddMinutes(i))));
    }

    [Fact]
    public void Times_before_1970_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequentialDecisionIds().Next(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
    }

    [Fact]
    public void Every_field_sits_where_RFC_9562_puts_it()
    {
        var ids = new SequentialDecisionIds();
        for (var n = 1; n <= 300; n++)
        {
            var time = Time.AddMilliseconds(n * 7_919L * n);
            var bytes = ids.Next(time).ToByteArray(bigEndian: true);

            var expected = new byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(expected, ((ulong)time.ToUnixTimeMilliseconds() << 16) | 0x7000UL);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(expected.AsSpan(8), 0x8000_0000_0000_0000UL | (uint)n);
            Assert.Equal(expected, bytes);
        }
    }

    [Fact]
    public void A_reserved_number_makes_later_the_id_it_would_have_had()
    {
        var (eager, lazy) = (new SequentialDecisionIds(), new SequentialDecisionIds());
        var expected = Enumerable.Range(1, 50).Select(n => eager.Next(Time.AddMinutes(n))).ToArray();

        var numbers = Enumerable.Range(1, 50).Select(_ => lazy.Reserve()).ToArray();

        Assert.Equal(expected, numbers.Select((number, i) => SequentialDecisionIds.IdFor(Time.AddMinutes(i + 1), number)));
        Assert.NotEqual(expected[^1], lazy.Next(Time.AddMinutes(50))); // the sequence went on past the reserved numbers
    }
}
