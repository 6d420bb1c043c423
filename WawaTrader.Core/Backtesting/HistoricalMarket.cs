using WawaTrader.Core.Market;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The market of a backtest: replays validated series one step at a time. The steps are the union of all the series' bar
/// times, oldest first; at a step a symbol releases the bar with exactly that time, or nothing new when it has none then.
/// No look-ahead: before <see cref="Advance"/> reaches a bar's time, no call can return that bar. Not thread-safe (one run).
/// <see cref="GetBarsSinceAsync"/> answers with a per-symbol view over the series (no copy, no allocation per step): it is valid
/// until the next call for the same symbol; the trading cycle reads it at once, anyone keeping bars must copy them.
/// </summary>
public sealed class HistoricalMarket : IMarketData
{
    private static readonly Task<IReadOnlyList<Bar>> NoBars = Task.FromResult<IReadOnlyList<Bar>>([]);

    private readonly Dictionary<string, int> _index;
    private readonly Bar[][] _bars;
    private readonly int[] _released;
    // The current bar's close as a fill-model price, converted on first use at a step (double → decimal costs tens of ns, and
    // the paper broker's mark and the benchmark both need it): _closePriceStep[i] is the step _closePrice[i] was made at.
    private readonly decimal[] _closePrice;
    private readonly int[] _closePriceStep;
    private readonly BarWindow[] _windows;
    private readonly Task<IReadOnlyList<Bar>>[] _windowTasks;
    private int _step = -1;

    /// <summary>Builds the market over <paramref name="series"/>, which must be valid (oldest first, distinct symbols).</summary>
    public HistoricalMarket(IReadOnlyList<BacktestSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _index = new Dictionary<string, int>(series.Count, StringComparer.OrdinalIgnoreCase);
        _bars = new Bar[series.Count][];
        _released = new int[series.Count];
        _closePrice = new decimal[series.Count];
        _closePriceStep = new int[series.Count];
        Array.Fill(_closePriceStep, -1);
        var symbols = new string[series.Count];
        _windows = new BarWindow[series.Count];
        _windowTasks = new Task<IReadOnlyList<Bar>>[series.Count];
        var total = 0;
        for (var i = 0; i < series.Count; i++)
        {
            symbols[i] = series[i].Symbol;
            _bars[i] = series[i].Bars;
            _index.Add(series[i].Symbol, i);
            _windows[i] = new BarWindow(_bars[i]);
            _windowTasks[i] = Task.FromResult<IReadOnlyList<Bar>>(_windows[i]);
            total += _bars[i].Length;
        }
        Symbols = symbols;
        Times = UnionOfTimes(_bars, total);
    }

    /// <summary>Whether every series has exactly the bar times of the first.</summary>
    private static bool SameCalendar(Bar[][] bars)
    {
        if (bars.Length == 0) return false;
        var first = bars[0];
        for (var i = 1; i < bars.Length; i++)
        {
            var other = bars[i];
            if (other.Length != first.Length) return false;
            for (var j = 0; j < first.Length; j++)
                if (other[j].Time != first[j].Time) return false;
        }
        return true;
    }

    /// <summary>Every bar time once, oldest first: the series' times merged pairwise (each series is oldest first), or sorted
    /// when some series is not in order.</summary>
    private static DateTime[] UnionOfTimes(Bar[][] bars, int total)
    {
        if (SameCalendar(bars)) return Array.ConvertAll(bars[0], b => b.Time); // the common case: nothing to merge
        var runs = new List<DateTime[]>(bars.Length);
        foreach (var series in bars)
        {
            var times = new DateTime[series.Length];
            for (var i = 0; i < series.Length; i++)
            {
                times[i] = series[i].Time;
                if (i > 0 && times[i] <= times[i - 1]) return SortedDistinct(bars, total);
            }
            runs.Add(times);
        }
        while (runs.Count > 1)
        {
            var merged = new List<DateTime[]>((runs.Count + 1) / 2);
            for (var i = 0; i + 1 < runs.Count; i += 2) merged.Add(MergeDistinct(runs[i], runs[i + 1]));
            if (runs.Count % 2 == 1) merged.Add(runs[^1]);
            runs = merged;
        }
        return runs.Count == 0 ? [] : runs[0];
    }

    /// <summary>Two strictly increasing runs as one, each time once.</summary>
    private static DateTime[] MergeDistinct(DateTime[] a, DateTime[] b)
    {
        var result = new DateTime[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            var (x, y) = (a[i], b[j]);
            if (x <= y) i++;
            if (y <= x) j++;
            result[n++] = x <= y ? x : y;
        }
        while (i < a.Length) result[n++] = a[i++];
        while (j < b.Length) result[n++] = b[j++];
        Array.Resize(ref result, n);
        return result;
    }

    /// <summary>Every bar time once, oldest first, by sorting them all (series not in order).</summary>
    private static DateTime[] SortedDistinct(Bar[][] bars, int total)
    {
        var times = new DateTime[total];
        var n = 0;
        foreach (var series in bars)
            foreach (var bar in series) times[n++] = bar.Time;
        Array.Sort(times);
        var distinct = 0;
        for (var i = 0; i < times.Length; i++)
            if (distinct == 0 || times[i] != times[distinct - 1]) times[distinct++] = times[i];
        Array.Resize(ref times, distinct);
        return times;
    }

    public string Name => "Historical";

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The step times: every bar time of any series, oldest first, each once.</summary>
    public DateTime[] Times { get; }

    /// <summary>The current step (index into <see cref="Times"/>); −1 before the first <see cref="Advance"/>.</summary>
    public int Step => _step;

    /// <summary>The current step's time; only valid after the first <see cref="Advance"/>.</summary>
    public DateTime Now => Times[_step];

    /// <summary>Moves to the next step and releases each symbol's bar of that time; false when the history has ended.</summary>
    public bool Advance()
    {
        if (_step + 1 >= Times.Length) return false;
        var now = Times[++_step];
        for (var i = 0; i < _bars.Length; i++)
        {
            var bars = _bars[i];
            var released = _released[i];
            while (released < bars.Length && bars[released].Time <= now) released++;
            _released[i] = released;
        }
        return true;
    }

    /// <summary>Whether <paramref name="symbolIndex"/> (position in <see cref="Symbols"/>) has a bar at the current step; its bar when so.</summary>
    public bool TryGetCurrentBar(int symbolIndex, out Bar bar)
    {
        ref readonly var current = ref CurrentBarOrNull(symbolIndex);
        var has = !System.Runtime.CompilerServices.Unsafe.IsNullRef(in current);
        bar = has ? current : default;
        return has;
    }

    /// <summary>The bar of <paramref name="symbolIndex"/> at the current step, by reference (no copy), or a null reference when it
    /// has none (test with <see cref="System.Runtime.CompilerServices.Unsafe.IsNullRef{T}(ref readonly T)"/>).</summary>
    public ref readonly Bar CurrentBarOrNull(int symbolIndex)
    {
        var released = _released[symbolIndex];
        if (released > 0 && _step >= 0)
        {
            ref readonly var bar = ref _bars[symbolIndex][released - 1];
            if (bar.Time == Times[_step]) return ref bar;
        }
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<Bar>();
    }

    /// <summary>The current bar's close as a fill price (<see cref="Brokers.PaperPricing.ToPrice"/>), converted once per bar
    /// however many parts of the backtest ask; false when the symbol has no bar at this step or its close is not a price.</summary>
    public bool TryGetCurrentClosePrice(int symbolIndex, out decimal price)
    {
        if (_step >= 0 && _closePriceStep[symbolIndex] == _step)
        {
            price = _closePrice[symbolIndex];
            return true;
        }
        if (!TryGetCurrentBar(symbolIndex, out var bar) || !Brokers.PaperPricing.TryToPrice(bar.Close, out price))
        {
            price = 0m;
            return false;
        }
        _closePrice[symbolIndex] = price;
        _closePriceStep[symbolIndex] = _step;
        return true;
    }

    /// <summary>The last bar released for <paramref name="symbolIndex"/> (at this step or before); false before its first.</summary>
    public bool TryGetLastBar(int symbolIndex, out Bar bar)
    {
        var released = _released[symbolIndex];
        bar = released > 0 ? _bars[symbolIndex][released - 1] : default;
        return released > 0;
    }

    public Task<IReadOnlyList<Bar>> GetHistoryAsync(string symbol, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var i = IndexOf(symbol);
        var released = _released[i];
        var take = Math.Min(count, released);
        return take == 0 ? NoBars : Task.FromResult<IReadOnlyList<Bar>>(_bars[i].AsSpan(released - take, take).ToArray());
    }

    public Task<IReadOnlyList<Bar>> GetBarsSinceAsync(string symbol, DateTime after, CancellationToken cancellationToken)
    {
        var i = IndexOf(symbol);
        var bars = _bars[i];
        var released = _released[i];
        // Usually only the newest released bar is new: scan back from it instead of searching the whole series.
        var from = released;
        while (from > 0 && bars[from - 1].Time > after) from--;
        if (from == released) return NoBars;
        _windows[i].Set(from, released - from);
        return _windowTasks[i];
    }

    private int IndexOf(string symbol) =>
        _index.TryGetValue(symbol, out var i) ? i : throw new ArgumentException($"The backtest has no series for {symbol}.", nameof(symbol));

    /// <summary>A read-only view of part of a series, re-aimed at each call.</summary>
    private sealed class BarWindow(Bar[] bars) : IReadOnlyList<Bar>
    {
        private int _start;

        public int Count { get; private set; }

        public Bar this[int index] => (uint)index < (uint)Count ? bars[_start + index] : throw new ArgumentOutOfRangeException(nameof(index));

        public void Set(int start, int count)
        {
            _start = start;
            Count = count;
        }

        public IEnumerator<Bar> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return bars[_start + i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
