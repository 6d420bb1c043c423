using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

/// <summary>The real app host, stopped and started again on the same database, with the simulated market and the paper broker.</summary>
[Trait("Category", "Slow")]
public abstract class RestartResumeTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : RestartResumeTests(TestProvider.Sqlite);

    public sealed class OnPostgres() : RestartResumeTests(TestProvider.Postgres);

    // MinConfidence 0 lets the rule-based analyst's proposals through, so the paper broker really trades; the trade limit is
    // high so that every refusal after the restart would be the restart's fault.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Risk:MinConfidence"] = "0",
        ["Risk:MaxTradesPerDay"] = "1000",
        ["Trading:StartOnLaunch"] = "false",
    };

    [Fact]
    public async Task After_a_restart_the_agent_trades_on_from_where_the_market_stopped()
    {
        await using var storage = Storage();
        IReadOnlyList<PerformanceSnapshot> snapshotsBefore;
        DateTime lastBarDecidedBefore;
        await using (var first = storage.App(Settings))
        {
            using var client = first.CreateClient();
            var journal = first.Services.GetRequiredService<IDecisionJournal>();
            await client.PostAsync("/api/agent/start", null);
            await UntilAsync(async () => (await journal.GetTradesAsync(10, default)).Count >= 2, "two fills before the restart");
            await client.PostAsync("/api/agent/stop", null);
            await Task.Delay(500); // let an in-flight cycle finish; the agent is stopped, so nothing changes after it
            snapshotsBefore = await journal.GetSnapshotsAsync(null, 1_000, default);
            lastBarDecidedBefore = (await journal.GetDecisionsAsync(null, 1_000, default)).Max(d => d.BarTime);
        }

        var warnings = new ConcurrentQueue<string>();
        await using var second = storage.App(Settings).WithWebHostBuilder(builder =>
            builder.ConfigureLogging(logging => logging.AddProvider(new WarningCollector(warnings))));
        using var again = second.CreateClient();
        var journalAfter = second.Services.GetRequiredService<IDecisionJournal>();
        var ledger = second.Services.GetRequiredService<IPaperLedgerStore>();
        var marksBefore = (await ledger.LoadAsync(default))!.Marks;
        var lastMarkBefore = marksBefore.Values.Max(m => m.BarTime);

        await again.PostAsync("/api/agent/start", null);
        await UntilAsync(async () =>
            (await journalAfter.GetTradesAsync(100, default)).Any(t => t.Time > lastMarkBefore)
            && (await journalAfter.GetDecisionsAsync(null, 1_000, default)).Any(d => d.BarTime > lastBarDecidedBefore && d.Order is not null),
            "an order approved and a fill after the restart");
        await again.PostAsync("/api/agent/stop", null);
        await Task.Delay(500);

        var decidedAfter = (await journalAfter.GetDecisionsAsync(null, 1_000, default)).Where(d => d.Time > snapshotsBefore[^1].Time).ToList();
        var marksAfter = (await ledger.LoadAsync(default))!.Marks;
        var snapshotsAfter = await journalAfter.GetSnapshotsAsync(null, 1_000, default);
        var firstNew = snapshotsAfter[snapshotsBefore.Count];

        // The market went on after its last bar: no bar decided twice, none older than the broker's marks.
        Assert.All(decidedAfter, d => Assert.True(d.BarTime > lastBarDecidedBefore, $"{d.Symbol} decided again at {d.BarTime:O}"));
        Assert.All(decidedAfter.SelectMany(d => d.RiskChecks).Where(c => c.Rule == RiskRules.TradesPerDay), c => Assert.True(c.Passed, c.Reason));
        Assert.All(marksBefore, m => Assert.True(marksAfter[m.Key].BarTime > m.Value.BarTime, $"{m.Key} still marked at {m.Value.BarTime:O}"));
        Assert.Empty(warnings);
        // The equity history is kept as it was, and continues in market time.
        Assert.Equal(snapshotsBefore, snapshotsAfter.Take(snapshotsBefore.Count));
        Assert.True(firstNew.MarketTime > snapshotsBefore[^1].MarketTime, $"market time went back to {firstNew.MarketTime:O}");
        if (MarketClock.NewYorkDate(firstNew.MarketTime) == MarketClock.NewYorkDate(snapshotsBefore[^1].MarketTime))
            Assert.Equal(snapshotsBefore[^1].Equity - snapshotsBefore[^1].DayPnl, firstNew.Equity - firstNew.DayPnl);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(60)) Assert.Fail($"Gave up waiting for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Collects every warning or error the app logs from the paper broker or the trading cycle.</summary>
    private sealed class WarningCollector(ConcurrentQueue<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, warnings);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel) && (category.EndsWith(nameof(PaperBroker), StringComparison.Ordinal) || category.EndsWith(nameof(TradingCycle), StringComparison.Ordinal)))
                    warnings.Enqueue($"{category}: {formatter(state, exception)}");
            }
        }
    }
}
