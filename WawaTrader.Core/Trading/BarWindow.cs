using WawaTrader.Core.Market;

namespace WawaTrader.Core.Trading;

/// <summary>
/// The last <c>capacity</c> closed bars of one symbol, contiguous in memory so indicator kernels read them as a span.
/// Appending is amortised O(1): the buffer holds twice the capacity and slides back when full.
/// </summary>
internal sealed class BarWindow(int capacity)
{
    private Bar[] _buffer = new Bar[Math.Max(2, capacity * 2)];
    private int _start;
    private int _count;

    public int Count => _count;

    public DateTime? LastTime => _count == 0 ? null : _buffer[_start + _count - 1].Time;

    public Bar Last => _buffer[_start + _count - 1];

    public ReadOnlySpan<Bar> Bars => _buffer.AsSpan(_start, _count);

    /// <summary>Appends a bar; bars not after the last one are ignored (a source that repeats itself never duplicates history).</summary>
    public bool Append(Bar bar)
    {
        if (_count > 0 && bar.Time <= _buffer[_start + _count - 1].Time) return false;
        if (_start + _count == _buffer.Length)
        {
            var keep = Math.Min(_count, capacity - 1);
            Array.Copy(_buffer, _start + _count - keep, _buffer, 0, keep);
            _start = 0;
            _count = keep;
        }
        _buffer[_start + _count] = bar;
        if (_count == capacity) _start++;
        else _count++;
        return true;
    }

    public void Resize(int newCapacity)
    {
        if (newCapacity == capacity) return;
        var bars = Bars.ToArray();
        capacity = newCapacity;
        _buffer = new Bar[Math.Max(2, capacity * 2)];
        _start = 0;
        _count = 0;
        foreach (var bar in bars.AsSpan(Math.Max(0, bars.Length - capacity))) Append(bar);
    }
}
