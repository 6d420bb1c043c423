using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// <see cref="IBarCache"/> over the <c>bars</c> table. A batch is validated whole first, then written in one transaction with two
/// prepared statements (insert, update) after one range read of the bars already cached between its first and last time, so
/// tens of thousands of bars a second go in and a repeated batch writes nothing. Times are stored as UTC ticks: a local time is
/// converted, an unspecified one taken as UTC.
/// </summary>
public sealed class EfBarCache(IDbContextFactory<TradingDbContext> contexts) : IBarCache
{
    /// <summary>Longest symbol the table holds.</summary>
    public const int MaxSymbolLength = 32;

    public async Task<BarUpsertResult> UpsertAsync(string symbol, IReadOnlyList<Bar> bars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var key = NormalizeSymbol(symbol);
        var batch = Prepare(key, bars);
        if (batch.Count == 0) return default;

        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = context.Database.GetDbConnection();
        var tx = transaction.GetDbTransaction();

        await RefuseOtherBarSizeAsync(connection, tx, key, batch, cancellationToken).ConfigureAwait(false);
        var cached = await ReadAsync(connection, tx, key, batch[0].Time.Ticks, batch[^1].Time.Ticks, cancellationToken).ConfigureAwait(false);
        var existing = cached.ToDictionary(b => b.Time.Ticks);

        await using var insert = Command(connection, tx,
            "INSERT INTO bars (symbol, time, open, high, low, close, volume) VALUES (@symbol, @time, @open, @high, @low, @close, @volume)");
        await using var update = Command(connection, tx,
            "UPDATE bars SET open = @open, high = @high, low = @low, close = @close, volume = @volume WHERE symbol = @symbol AND time = @time");
        int added = 0, updated = 0, unchanged = 0;
        foreach (var bar in batch)
        {
            DbCommand command;
            if (!existing.TryGetValue(bar.Time.Ticks, out var old)) { command = insert; added++; }
            else if (old == bar) { unchanged++; continue; }
            else { command = update; updated++; }
            Bind(command, key, bar);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BarUpsertResult(added, updated, unchanged);
    }

    public async Task<Bar[]> GetBarsAsync(string symbol, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var key = NormalizeSymbol(symbol);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var bars = await ReadAsync(context.Database.GetDbConnection(), null, key, ToUtc(from).Ticks, ToUtc(to).Ticks, cancellationToken)
            .ConfigureAwait(false);
        return [.. bars];
    }

    public async Task<IReadOnlyList<CachedSymbol>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.Bars.AsNoTracking()
            .GroupBy(b => b.Symbol)
            .Select(g => new { Symbol = g.Key, First = g.Min(b => b.Time), Last = g.Max(b => b.Time), Count = g.Count() })
            .OrderBy(r => r.Symbol)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new CachedSymbol(r.Symbol, Utc(r.First), Utc(r.Last), r.Count)).ToList();
    }

    /// <summary>Trimmed and upper-cased; refuses an empty or too long symbol.</summary>
    public static string NormalizeSymbol(string symbol)
    {
        var key = symbol?.Trim().ToUpperInvariant() ?? "";
        if (key.Length == 0) throw new ArgumentException("A symbol is required.", nameof(symbol));
        if (key.Length > MaxSymbolLength) throw new ArgumentException($"Symbol '{key}' is longer than {MaxSymbolLength} characters.", nameof(symbol));
        return key;
    }

    /// <summary>The batch in time order with UTC times and exact repeats dropped; throws on the first bad bar.</summary>
    private static List<Bar> Prepare(string symbol, IReadOnlyList<Bar> bars)
    {
        var sorted = new List<Bar>(bars.Count);
        foreach (var bar in bars)
        {
            var utc = bar with { Time = ToUtc(bar.Time) };
            if (BarSeriesValidator.DescribeProblem(utc) is { } problem) throw new InvalidBarException(symbol, utc.Time, problem);
            sorted.Add(utc);
        }
        sorted.Sort((a, b) => a.Time.CompareTo(b.Time));
        var distinct = new List<Bar>(sorted.Count);
        foreach (var bar in sorted)
        {
            if (distinct.Count > 0 && distinct[^1].Time == bar.Time)
            {
                if (distinct[^1] != bar) throw new InvalidBarException(symbol, bar.Time, "the batch has two different bars at this time");
                continue;
            }
            distinct.Add(bar);
        }
        return distinct;
    }

    /// <summary>
    /// One bar size per symbol: daily bars are stamped at midnight UTC (their New York date, as price files and Alpaca's daily bars
    /// are), intraday ones at their time. A batch with an intraday bar is refused for a symbol that holds only daily bars, and a
    /// batch of daily bars (two or more at midnight, a day or more apart) for a symbol that holds intraday bars: mixed, a
    /// backtest over the symbol would step through both. (A lone bar at midnight is taken as either: it can be an evening bar.)
    /// </summary>
    private static async Task RefuseOtherBarSizeAsync(DbConnection connection, DbTransaction tx, string symbol, List<Bar> batch, CancellationToken cancellationToken)
    {
        var intraday = batch.FindIndex(b => b.Time.TimeOfDay != TimeSpan.Zero);
        var daily = intraday < 0 && batch.Count >= 2 && MinimumGap(batch) >= TimeSpan.FromHours(20);
        if (intraday < 0 && !daily) return;

        // Whether the symbol holds an intraday bar (stops at the first: cheap for intraday series) and whether it holds any.
        await using var command = Command(connection, tx,
            $"SELECT EXISTS (SELECT 1 FROM bars WHERE symbol = @symbol AND time % {TimeSpan.TicksPerDay} <> 0), EXISTS (SELECT 1 FROM bars WHERE symbol = @symbol)");
        // SQLite answers 0/1, PostgreSQL a boolean: read either.
        command.Parameters["@symbol"].Value = symbol;
        bool holdsIntraday, holdsAny;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (holdsIntraday, holdsAny) = (Convert.ToBoolean(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToBoolean(reader.GetValue(1), CultureInfo.InvariantCulture));
        }
        if (intraday >= 0 && holdsAny && !holdsIntraday)
            throw new BarSizeConflictException(symbol, batch[intraday].Time,
                $"it is an intraday bar and the cache holds daily bars of {symbol}; one bar size per symbol (use another database for intraday bars)");
        if (daily && holdsIntraday)
            throw new BarSizeConflictException(symbol, batch[0].Time,
                $"these are daily bars and the cache holds intraday bars of {symbol}; one bar size per symbol (use another database for daily bars)");
    }

    private static TimeSpan MinimumGap(List<Bar> sorted)
    {
        var gap = TimeSpan.MaxValue;
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i].Time - sorted[i - 1].Time < gap) gap = sorted[i].Time - sorted[i - 1].Time;
        return gap;
    }

    private static async Task<List<Bar>> ReadAsync(DbConnection connection, DbTransaction? tx, string symbol, long from, long to,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx,
            "SELECT time, open, high, low, close, volume FROM bars WHERE symbol = @symbol AND time >= @from AND time <= @to ORDER BY time");
        command.Parameters["@symbol"].Value = symbol;
        command.Parameters["@from"].Value = from;
        command.Parameters["@to"].Value = to;
        var bars = new List<Bar>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            bars.Add(new Bar(Utc(reader.GetInt64(0)), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4),
                reader.GetDouble(5)));
        }
        return bars;
    }

    /// <summary>A command with one parameter per <c>$name</c> in <paramref name="sql"/>.</summary>
    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var name in new[] { "@symbol", "@time", "@open", "@high", "@low", "@close", "@volume", "@from", "@to" })
        {
            if (!sql.Contains(name, StringComparison.Ordinal)) continue;
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static void Bind(DbCommand command, string symbol, Bar bar)
    {
        command.Parameters["@symbol"].Value = symbol;
        command.Parameters["@time"].Value = bar.Time.Ticks;
        command.Parameters["@open"].Value = bar.Open;
        command.Parameters["@high"].Value = bar.High;
        command.Parameters["@low"].Value = bar.Low;
        command.Parameters["@close"].Value = bar.Close;
        command.Parameters["@volume"].Value = bar.Volume;
    }

    private static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);

    private static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
