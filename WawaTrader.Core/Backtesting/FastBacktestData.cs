using System.Collections.Concurrent;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// A backtest's bars laid out for the fast path, prepared once and shared read-only by every run and thread of a sweep: the
/// merged timeline (each distinct bar time is one step; at a step the symbols that have a bar are listed in request order),
/// prices as double and as the decimal the paper broker uses (<see cref="PaperPricing.ToPrice"/>), the New York market day of
/// each step, and SMAs computed in batch (<see cref="IndicatorKernels.Sma"/>) on first use and cached per (symbol, period).
/// </summary>
public sealed class FastBacktestData
{
    private readonly ConcurrentDictionary<(int Symbol, int Period), Lazy<double[]>> _sma = new();

    /// <summary>Prepares <paramref name="series"/>, keeping bars within [<paramref name="from"/>, <paramref name="to"/>] (inclusive).</summary>
    public FastBacktestData(IReadOnlyList<BacktestSeries> series, DateTime? from = null, DateTime? to = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("At least one series is needed.", nameof(series));
        var count = series.Count;
        Symbols = new string[count];
        Times = new DateTime[count][];
        TradeBars = new TradeBar[count][];
        CloseD = new double[count][];
        Open = new decimal[count][];
        Close = new decimal[count][];
        for (var s = 0; s < count; s++)
        {
            Symbols[s] = series[s].Symbol;
            var bars = series[s].Bars.Where(b => (from is null || b.Time >= from) && (to is null || b.Time <= to)).ToArray();
            for (var i = 0; i < bars.Length; i++)
            {
                if (!PaperPricing.TryToPrice(bars[i].Open, out _) || !PaperPricing.TryToPrice(bars[i].Close, out _))
                    throw new ArgumentException($"{Symbols[s]} bar {bars[i].Time:O} has an open or close that is not a positive finite price.", nameof(series));
                if (i > 0 && bars[i].Time <= bars[i - 1].Time)
                    throw new ArgumentException($"{Symbols[s]} bars are not in strictly increasing time order at {bars[i].Time:O}.", nameof(series));
            }
            Times[s] = bars.Select(b => b.Time).ToArray();
            CloseD[s] = bars.Select(b => b.Close).ToArray();
            Open[s] = bars.Select(b => PaperPricing.ToPrice(b.Open)).ToArray();
            Close[s] = bars.Select(b => PaperPricing.ToPrice(b.Close)).ToArray();
            TradeBars[s] = bars.Select((b, i) => new TradeBar(CloseD[s][i], b.Time, Open[s][i])).ToArray();
        }
        SymbolsByName = Enumerable.Range(0, count).OrderBy(s => Symbols[s], StringComparer.Ordinal).ToArray();
        BuildTimeline();
    }

    /// <summary>Symbols in request order.</summary>
    public string[] Symbols { get; }

    /// <summary>Symbol indexes in ordinal name order (the order the paper broker sums positions in).</summary>
    internal int[] SymbolsByName { get; }

    internal DateTime[][] Times { get; }

    /// <summary>
    /// Per symbol and bar, what a crossing reads, side by side: the close it is decided at and the time and open of the next
    /// bar, where its order fills. A crossing's two bars then lie in one or two cache lines of one page, which the fast path
    /// asks for ahead of time; the same values as <see cref="CloseD"/>, <see cref="Times"/> and <see cref="Open"/>.
    /// </summary>
    internal TradeBar[][] TradeBars { get; }
    internal double[][] CloseD { get; }
    internal decimal[][] Open { get; }
    internal decimal[][] Close { get; }

    /// <summary>Market time of each step.</summary>
    public DateTime[] StepTimes { get; private set; } = [];

    /// <summary>Entries of step k are <see cref="EntrySymbol"/>/<see cref="EntryBar"/>[StepStart[k] .. StepStart[k + 1]).</summary>
    internal int[] StepStart { get; private set; } = [];
    internal int[] EntrySymbol { get; private set; } = [];
    internal int[] EntryBar { get; private set; } = [];

    /// <summary>New York market day (<see cref="DateOnly.DayNumber"/>) of each step.</summary>
    internal int[] StepDay { get; private set; } = [];

    /// <summary>The steps that are the first of their market day, ascending (step 0 included when there are steps).</summary>
    internal int[] DayStarts { get; private set; } = [];

    /// <summary>
    /// True when every symbol has a bar at every step (one shared calendar): then the bar of every symbol at step k is bar k,
    /// and the fast path runs a loop specialised for it.
    /// </summary>
    internal bool Aligned { get; private set; }

    /// <summary>Number of steps (distinct bar times).</summary>
    public int StepCount => StepTimes.Length;

    /// <summary>Bars over all symbols (bar-steps of one run).</summary>
    public long BarCount => EntrySymbol.Length;

    /// <summary>The SMA of <paramref name="period"/> bars over the closes of symbol <paramref name="symbol"/> (NaN in the warm-up).</summary>
    public double[] Sma(int symbol, int period) =>
        _sma.GetOrAdd((symbol, period), key => new Lazy<double[]>(() =>
        {
            var closes = CloseD[key.Symbol];
            var output = new double[closes.Length];
            if (closes.Length > 0 && IndicatorMath.FitsOrNaN(key.Period, closes.Length, output)) IndicatorKernels.Sma(closes, key.Period, output);
            return output;
        })).Value;

    private void BuildTimeline()
    {
        var times = Times.SelectMany(t => t).Distinct().Order().ToArray();
        var stepOf = new Dictionary<DateTime, int>(times.Length);
        for (var k = 0; k < times.Length; k++) stepOf[times[k]] = k;
        var counts = new int[times.Length + 1];
        foreach (var symbolTimes in Times)
            foreach (var t in symbolTimes) counts[stepOf[t] + 1]++;
        for (var k = 0; k < times.Length; k++) counts[k + 1] += counts[k];
        var entrySymbol = new int[counts[^1]];
        var entryBar = new int[counts[^1]];
        var fill = (int[])counts.Clone();
        for (var s = 0; s < Times.Length; s++)
        {
            for (var i = 0; i < Times[s].Length; i++)
            {
                var slot = fill[stepOf[Times[s][i]]]++;
                entrySymbol[slot] = s;
                entryBar[slot] = i;
            }
        }
        StepTimes = times;
        StepStart = counts;
        EntrySymbol = entrySymbol;
        EntryBar = entryBar;
        StepDay = times.Select(t => MarketClock.NewYorkDay(t).Date.DayNumber).ToArray();
        Aligned = Times.All(t => t.Length == times.Length);
        DayStarts = Enumerable.Range(0, times.Length).Where(k => k == 0 || StepDay[k] != StepDay[k - 1]).ToArray();
    }
}

/// <summary>One bar's close (double), time and open (decimal, as the paper broker fills at), laid out together (32 bytes).</summary>
internal readonly record struct TradeBar(double CloseD, DateTime Time, decimal Open);
