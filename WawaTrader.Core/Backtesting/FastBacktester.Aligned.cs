using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WawaTrader.Core.Backtesting;

public sealed partial class FastBacktester
{
    /// <summary>Steps ahead of the current one whose crossings have their bars asked into the cache (<see cref="Prefetch"/>).</summary>
    private const int PrefetchDistance = 32;

    /// <summary>
    /// The loop when every symbol has a bar at every step (bar index = step). Crossings come from bit masks computed in bulk and
    /// listed in step order (<see cref="ListCrossings"/>); a step is taken in full only when something can happen at it: a
    /// crossing (from <paramref name="tradeFromStep"/> on), an order to fill, or the first step of a market day (which resets
    /// the day's counters and records its starting equity). At the steps in between the full step would only mark equity, so
    /// they are marked in bulk (<see cref="MarkQuiet"/>).
    /// </summary>
    private int RunAligned(bool recordTrades, bool exactEquity, int tradeFromStep)
    {
        var fills = 0;
        var n = _state.Length;
        for (var s = 0; s < n; s++) CrossingMasks(_fast[s], _slow[s], _buyBits![s], _sellBits![s]);
        ListCrossings(tradeFromStep);
        var crossings = _crossings;
        var crossingCount = _crossingCount;
        var dayStarts = _data.DayStarts;
        var stepDay = _data.StepDay;
        var closeD = _data.CloseD;
        var state = _state;
        var held = _held;
        var equityOut = _equity;
        var steps = _data.StepCount;
        int day = 0, prefetched = 0, k = 0;
        _nextCrossing = 0;
        while (true)
        {
            while (day < dayStarts.Length && dayStarts[day] < k) day++;
            var next = _pendingCount != 0 ? k
                : Math.Min(day < dayStarts.Length ? dayStarts[day] : steps, _nextCrossing < crossingCount ? crossings[_nextCrossing].Step : steps);
            if (next > k) MarkQuiet(k, next, exactEquity);
            if (next >= steps) break;
            k = next;
            for (; prefetched < crossingCount && crossings[prefetched].Step <= k + PrefetchDistance; prefetched++) Prefetch(crossings[prefetched]);

            if (_pendingCount != 0)
            {
                for (var s = 0; s < n; s++) // a fill reads its own bar, not the symbols' last bars
                {
                    ref var st = ref state[s];
                    if (st.PendingSide != 0 && Fill(ref st, s, k, recordTrades)) fills++;
                }
            }
            if (stepDay[k] != _day) NewDay(stepDay[k]);

            var equity = _cashD;
            for (var i = 0; i < _heldCount; i++)
            {
                var s = held[i];
                equity += state[s].HeldD * closeD[s][k];
            }
            equityOut[k] = equity;
            if (exactEquity)
            {
                Sync(k);
                _exactEquity![k] = EquityNow();
            }

            if (_nextCrossing < crossingCount && crossings[_nextCrossing].Step == k)
            {
                Sync(k);
                do
                {
                    var crossing = crossings[_nextCrossing++];
                    if (crossing.Buy) TryBuy(crossing.Symbol, equity);
                    else if (state[crossing.Symbol].HeldD > 0) TrySell(crossing.Symbol);
                }
                while (_nextCrossing < crossingCount && crossings[_nextCrossing].Step == k);
            }
            if (k + 1 < steps && stepDay[k + 1] == _day && (!_dayStartKnown || _dayStartExactPending))
            {
                Sync(k);
                EndOfFirstStepOfDay(equity);
            }
            k++;
        }
        return fills;
    }

    /// <summary>A buy or sell crossing of one symbol at one step (aligned loop).</summary>
    private readonly record struct Crossing(int Step, int Symbol, bool Buy);

    /// <summary>
    /// Lists the crossings of the masks from <paramref name="tradeFromStep"/> on, by step and within a step by symbol (request
    /// order, the order the full path decides in), into <see cref="_crossings"/> (grown as needed, reused across runs).
    /// </summary>
    private void ListCrossings(int tradeFromStep)
    {
        var n = _state.Length;
        var buyBits = _buyBits!;
        var sellBits = _sellBits!;
        var words = buyBits[0].Length;
        var total = 0;
        for (var s = 0; s < n; s++)
            for (var w = 0; w < words; w++) total += BitOperations.PopCount(buyBits[s][w] | sellBits[s][w]);
        if (_crossings.Length < total) _crossings = new Crossing[Math.Max(total, _crossings.Length * 2)];
        var count = 0;
        for (var w = Math.Max(0, tradeFromStep) >> 6; w < words; w++)
        {
            ulong any = 0;
            for (var s = 0; s < n; s++) any |= buyBits[s][w] | sellBits[s][w];
            var from = tradeFromStep - (w << 6); // crossings before tradeFromStep are not traded on
            if (from > 0) any &= ulong.MaxValue << from;
            while (any != 0)
            {
                var bit = BitOperations.TrailingZeroCount(any);
                any &= any - 1;
                for (var s = 0; s < n; s++)
                {
                    if (((buyBits[s][w] >> bit) & 1) != 0) _crossings[count++] = new Crossing((w << 6) + bit, s, true);
                    else if (((sellBits[s][w] >> bit) & 1) != 0) _crossings[count++] = new Crossing((w << 6) + bit, s, false);
                }
            }
        }
        _crossingCount = count;
    }

    /// <summary>
    /// Aligned loop: brings to bar <paramref name="k"/> the last bar of each symbol that step k can read (once per step): the
    /// held ones (equity), those with an order (fills, the exposure and cash rules) and those crossing at k (decisions). Any
    /// other symbol is not read at this step, so its close is not fetched.
    /// </summary>
    private void Sync(int k)
    {
        if (_syncedStep == k) return;
        _syncedStep = k;
        var closeD = _data.CloseD;
        for (var i = 0; i < _heldCount; i++) SyncSymbol(_held[i], k, closeD);
        if (_pendingCount != 0)
            for (var s = 0; s < _state.Length; s++)
                if (_state[s].PendingSide != 0) SyncSymbol(s, k, closeD);
        for (var i = _nextCrossing; i < _crossingCount && _crossings[i].Step == k; i++)
        {
            var s = _crossings[i].Symbol;
            ref var st = ref _state[s];
            st.Bar = k;
            st.LastCloseD = _data.TradeBars[s][k].CloseD; // prefetched with the crossing (held symbols' closes are streamed)
        }
    }

    private void SyncSymbol(int s, int k, double[][] closeD)
    {
        ref var st = ref _state[s];
        st.Bar = k;
        st.LastCloseD = closeD[s][k];
    }

    /// <summary>
    /// Asks the cache for what a crossing will read: its bar and the next in <see cref="FastBacktestData.TradeBars"/> (the close
    /// it is decided at; the open and time its order fills at). They are read far apart in arrays much larger than the cache,
    /// where a miss costs more than the rest of a fill. A prefetch is only a hint (it never faults, even past an array's end),
    /// so the unpinned address is harmless if the GC moves the array meanwhile.
    /// </summary>
    private unsafe void Prefetch(Crossing crossing)
    {
        if (!Sse.IsSupported) return;
        var bars = _data.TradeBars[crossing.Symbol];
        var first = (byte*)Unsafe.AsPointer(ref bars[crossing.Step]);
        Sse.Prefetch0(first);
        Sse.Prefetch0(first + 2 * Unsafe.SizeOf<TradeBar>() - 1); // the next bar's end (past the array's end is still only a hint)
    }

    /// <summary>
    /// Equity of the steps [<paramref name="from"/>, <paramref name="to"/>) at which nothing trades: cash + Σ held × close over
    /// the held symbols in <see cref="_held"/> order, added one symbol at a time (the same operations, in the same order, as the
    /// full step, so the same doubles).
    /// </summary>
    private void MarkQuiet(int from, int to, bool exactEquity)
    {
        var equity = _equity.AsSpan(from, to - from);
        equity.Fill(_cashD);
        for (var i = 0; i < _heldCount; i++)
        {
            var s = _held[i];
            AddShares(equity, _state[s].HeldD, _data.CloseD[s].AsSpan(from, to - from));
        }
        if (!exactEquity) return;
        for (var k = from; k < to; k++)
        {
            Sync(k);
            _exactEquity![k] = EquityNow();
        }
    }

    /// <summary>equity[j] += shares × close[j] (a multiply then an add, never fused).</summary>
    private static void AddShares(Span<double> equity, double shares, ReadOnlySpan<double> close)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated && equity.Length >= Vector256<double>.Count)
        {
            var h = Vector256.Create(shares);
            ref var e = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(equity);
            ref var c = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(close);
            for (; j <= equity.Length - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                var sum = Vector256.LoadUnsafe(ref e, (nuint)j) + h * Vector256.LoadUnsafe(ref c, (nuint)j);
                sum.StoreUnsafe(ref e, (nuint)j);
            }
        }
        for (; j < equity.Length; j++) equity[j] += shares * close[j];
    }

    /// <summary>
    /// Bit b of word b/64 of <paramref name="buy"/> is set when fast &gt; slow at bar b and fast ≤ slow at bar b − 1 (no bit at
    /// bar 0; comparisons with NaN are false); likewise <paramref name="sell"/> for fast &lt; slow after fast ≥ slow.
    /// </summary>
    internal static void CrossingMasks(ReadOnlySpan<double> fast, ReadOnlySpan<double> slow, Span<ulong> buy, Span<ulong> sell)
    {
        var count = Math.Min(fast.Length, slow.Length);
        ulong prevLe = 0, prevGe = 0; // the top bits of the previous word's ≤ and ≥ masks
        for (var w = 0; w < buy.Length; w++)
        {
            ulong gt = 0, lt = 0, le = 0, ge = 0;
            var start = w * 64;
            var stop = Math.Min(start + 64, count);
            if (Vector256.IsHardwareAccelerated && stop - start == 64)
            {
                for (var j = 0; j < 64; j += Vector256<double>.Count)
                {
                    var f = Vector256.Create(fast.Slice(start + j, Vector256<double>.Count));
                    var s = Vector256.Create(slow.Slice(start + j, Vector256<double>.Count));
                    gt |= (ulong)Vector256.GreaterThan(f, s).ExtractMostSignificantBits() << j;
                    lt |= (ulong)Vector256.LessThan(f, s).ExtractMostSignificantBits() << j;
                    le |= (ulong)Vector256.LessThanOrEqual(f, s).ExtractMostSignificantBits() << j;
                    ge |= (ulong)Vector256.GreaterThanOrEqual(f, s).ExtractMostSignificantBits() << j;
                }
            }
            else
            {
                for (var b = start; b < stop; b++)
                {
                    double f = fast[b], s = slow[b];
                    var j = b - start;
                    if (f > s) gt |= 1UL << j;
                    if (f < s) lt |= 1UL << j;
                    if (f <= s) le |= 1UL << j;
                    if (f >= s) ge |= 1UL << j;
                }
            }
            buy[w] = gt & ((le << 1) | prevLe);
            sell[w] = lt & ((ge << 1) | prevGe);
            prevLe = le >> 63;
            prevGe = ge >> 63;
        }
    }
}
