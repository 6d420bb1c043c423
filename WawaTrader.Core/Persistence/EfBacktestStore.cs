using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// <see cref="IBacktestStore"/> over EF Core: a short-lived context per call; the settings, metrics, equity curves and trades
/// of a run are JSON columns of its one row in <c>backtests</c>.
/// </summary>
public sealed class EfBacktestStore(IDbContextFactory<TradingDbContext> contexts) : IBacktestStore
{
    public async Task SaveAsync(BacktestRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Backtests.FindAsync([run.Id], cancellationToken);
        if (row is null)
        {
            row = new BacktestEntity
            {
                Id = run.Id, Created = run.Created, Status = run.Status, Progress = run.Progress, Strategy = run.Settings.Strategy,
                Symbols = "", SettingsJson = "",
            };
            context.Backtests.Add(row);
        }
        Fill(row, run);
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<BacktestRun?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Backtests.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        return row is null ? null : ToRun(row);
    }

    public async Task<IReadOnlyList<BacktestRunSummary>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Backtests.AsNoTracking()
            .OrderByDescending(b => b.Created)
            .Take(Math.Max(1, limit))
            .Select(b => new { b.Id, b.Created, b.Status, b.Progress, b.SettingsJson, b.MetricsJson, b.Error, b.Finished })
            .ToListAsync(cancellationToken);
        return rows.Select(b =>
        {
            var metrics = b.MetricsJson is null ? null : PersistenceJson.Deserialize<StoredMetrics>(b.MetricsJson, "backtest metrics");
            return new BacktestRunSummary(b.Id, b.Created, b.Status, b.Progress, Settings(b.SettingsJson), metrics?.Metrics, metrics?.Benchmark,
                b.Error, b.Finished);
        }).ToList();
    }

    public async Task<int> FailUnfinishedAsync(string reason, DateTime time, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Backtests
            .Where(b => b.Status == BacktestStatus.Queued || b.Status == BacktestStatus.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(b => b.Status, BacktestStatus.Failed)
                .SetProperty(b => b.Error, reason)
                .SetProperty(b => b.Finished, time), cancellationToken);
    }

    private static void Fill(BacktestEntity row, BacktestRun run)
    {
        row.Created = run.Created;
        row.Finished = run.Finished;
        row.Status = run.Status;
        row.Progress = run.Progress;
        row.Strategy = Truncate(run.Settings.Strategy, 64);
        row.Symbols = Truncate(string.Join(",", run.Settings.Symbols), 1000);
        row.SettingsJson = PersistenceJson.Serialize(run.Settings);
        row.Error = run.Error;
        var result = run.Result;
        row.MetricsJson = result is null ? null : PersistenceJson.Serialize(new StoredMetrics(result.Metrics, result.Benchmark));
        row.EquityJson = result is null ? null : PersistenceJson.Serialize(new StoredEquity(result.Equity, result.BenchmarkEquity));
        row.TradesJson = result is null ? null : PersistenceJson.Serialize(result.Trades);
        row.WarningsJson = result is null ? null : PersistenceJson.Serialize(result.Warnings);
    }

    private static BacktestRun ToRun(BacktestEntity row)
    {
        BacktestResult? result = null;
        if (row.MetricsJson is not null && row.EquityJson is not null && row.TradesJson is not null)
        {
            var metrics = PersistenceJson.Deserialize<StoredMetrics>(row.MetricsJson, "backtest metrics");
            var equity = PersistenceJson.Deserialize<StoredEquity>(row.EquityJson, "backtest equity curve");
            var trades = PersistenceJson.Deserialize<List<BacktestTrade>>(row.TradesJson, "backtest trades");
            var warnings = row.WarningsJson is null ? [] : PersistenceJson.Deserialize<List<string>>(row.WarningsJson, "backtest warnings");
            result = new BacktestResult(metrics.Metrics, metrics.Benchmark, equity.Equity, equity.Benchmark, trades, warnings);
        }
        return new BacktestRun(row.Id, row.Created, row.Status, row.Progress, Settings(row.SettingsJson), result, row.Error, row.Finished);
    }

    private static BacktestSettings Settings(string json) => PersistenceJson.Deserialize<BacktestSettings>(json, "backtest settings");

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private sealed record StoredMetrics(BacktestMetrics Metrics, BacktestMetrics Benchmark);

    private sealed record StoredEquity(IReadOnlyList<EquityPoint> Equity, IReadOnlyList<EquityPoint> Benchmark);
}
