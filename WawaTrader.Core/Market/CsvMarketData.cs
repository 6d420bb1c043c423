using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Concurrency;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Market;

/// <summary>
/// Replays <c>SYMBOL.csv</c> files from <see cref="TradingOptions.CsvFolder"/> (relative paths are resolved against the
/// process's working directory) at the simulation's pace: the first <see cref="SimulationOptions.WarmupBars"/> rows are
/// history when the market is created, then one more row closes per <see cref="SimulationOptions.BarSeconds"/> of wall
/// time, until the file ends (after that nothing is new). After a restart the replay resumes: the rows up to the symbol's
/// last recorded bar in the <see cref="ResumePoint"/> (or, for a symbol never recorded, up to the latest recorded bar of any
/// symbol) are history, if there are more of them than the warm-up, and the replay goes on from the next row. Bars keep the
/// file's own times. Files are read on first use and cached; a missing or malformed file fails that call with a message naming
/// the file. The resume point is read once, at the first call. Thread-safe.
/// </summary>
public sealed class CsvMarketData : IMarketData
{
    private readonly ConcurrentDictionary<string, Replay> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly BarPacer _pacer;
    private readonly int _warmupBars;
    private readonly string _folder;
    private readonly IResumePointSource? _resumeSource;
    private readonly AsyncGate _loading = new();
    private ResumePoint? _resume;

    public CsvMarketData(IOptions<SimulationOptions> simulation, IOptions<TradingOptions> trading, TimeProvider time, IResumePointSource? resume = null)
    {
        _pacer = new BarPacer(time, simulation.Value.BarSeconds);
        _warmupBars = simulation.Value.WarmupBars;
        _folder = trading.Value.CsvFolder;
        Symbols = WatchlistSymbols.Normalize(trading.Value.Watchlist);
        _resumeSource = resume;
        if (resume is null) _resume = ResumePoint.None;
    }

    public string Name => "Csv";

    public IReadOnlyList<string> Symbols { get; }

    public async Task<IReadOnlyList<Bar>> GetHistoryAsync(string symbol, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var (bars, history) = await LoadAsync(symbol, cancellationToken).ConfigureAwait(false);
        var closed = ClosedBars(bars, history);
        return bars.AsSpan(Math.Max(0, closed - count), Math.Min(count, closed)).ToArray();
    }

    public async Task<IReadOnlyList<Bar>> GetBarsSinceAsync(string symbol, DateTime after, CancellationToken cancellationToken)
    {
        var (bars, history) = await LoadAsync(symbol, cancellationToken).ConfigureAwait(false);
        var closed = ClosedBars(bars, history);
        var from = FirstIndexAfter(bars, closed, after);
        return bars.AsSpan(from, closed - from).ToArray();
    }

    private int ClosedBars(Bar[] bars, int history) => (int)Math.Min(bars.Length, (long)history + _pacer.ClosedLiveBars());

    private static int FirstIndexAfter(Bar[] bars, int closed, DateTime after)
    {
        int lo = 0, hi = closed;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (bars[mid].Time > after) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    private async Task<Replay> LoadAsync(string symbol, CancellationToken cancellationToken)
    {
        if (_files.TryGetValue(symbol, out var cached)) return cached;
        var known = Symbols.FirstOrDefault(s => s.Equals(symbol, StringComparison.OrdinalIgnoreCase))
            ?? throw WatchlistSymbols.Unknown(symbol, Symbols);
        var resume = await ResumeAsync(cancellationToken).ConfigureAwait(false);
        var path = FindFile(known);
        var bars = await CsvBarReader.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        var history = _warmupBars;
        if ((resume.Of(known)?.Time ?? resume.LastBarTime) is { } last) history = Math.Max(history, FirstIndexAfter(bars, bars.Length, last));
        return _files.GetOrAdd(known, new Replay(bars, history));
    }

    private async ValueTask<ResumePoint> ResumeAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _resume) is { } resume) return resume;
        await _loading.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_resume is null) Volatile.Write(ref _resume, await _resumeSource!.LoadAsync(cancellationToken).ConfigureAwait(false));
            return _resume!;
        }
        finally
        {
            _loading.Exit();
        }
    }

    /// <summary>A symbol's rows and how many of them were history when the market was created.</summary>
    private readonly record struct Replay(Bar[] Bars, int History);

    /// <summary><c>SYMBOL.csv</c> in the folder; on a case-sensitive file system a file differing only in case also counts.</summary>
    private string FindFile(string symbol)
    {
        var path = Path.Combine(_folder, symbol + ".csv");
        if (File.Exists(path)) return path;
        if (Directory.Exists(_folder))
        {
            var match = Directory.EnumerateFiles(_folder, "*.csv")
                .FirstOrDefault(f => Path.GetFileName(f).Equals(symbol + ".csv", StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
        }
        throw new FileNotFoundException($"The Csv market has no file for {symbol}: expected '{Path.GetFullPath(path)}' (Trading:CsvFolder).", path);
    }
}
