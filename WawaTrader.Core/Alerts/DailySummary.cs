using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Market;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// The daily summary at the New York close (<see cref="MarketClose.NextUtc"/>, waited for on the injected <see cref="TimeProvider"/>):
/// equity and the day's P&amp;L (the last portfolio snapshot), the day's fills, the best and worst open position by unrealized
/// P&amp;L, the day's decisions by source, and the model's availability. Sent when <see cref="AlertsOptions.DailySummary"/> is on.
/// </summary>
public sealed class DailySummary(
    AlertManager alerts,
    IDecisionJournal journal,
    PortfolioService portfolio,
    IOptionsMonitor<AlertsOptions> options,
    TimeProvider time,
    ILogger<DailySummary> logger,
    LlmHealth? llmHealth = null) : BackgroundService
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var close = MarketClose.NextUtc(now);
            try
            {
                await Task.Delay(close - now, time, stoppingToken);
                if (options.CurrentValue.DailySummary) alerts.Publish(await BuildAsync(close, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.SourceFailed(logger, ex, nameof(DailySummary));
            }
        }
    }

    /// <summary>The summary of the New York day that closes at <paramref name="closeUtc"/>.</summary>
    public async Task<Alert> BuildAsync(DateTime closeUtc, CancellationToken cancellationToken)
    {
        var (date, startUtc, _) = MarketClock.NewYorkDay(closeUtc);
        var trades = 0;
        await foreach (var _ in journal.StreamTradesAsync(startUtc, null, cancellationToken)) trades++;
        var bySource = new Dictionary<DecisionSource, int>();
        await foreach (var d in journal.StreamDecisionsAsync(startUtc, null, cancellationToken)) bySource[d.Source] = bySource.GetValueOrDefault(d.Source) + 1;

        var p = portfolio.Latest;
        var fields = new List<AlertField>();
        string summary;
        if (p is null)
        {
            summary = $"{date:yyyy-MM-dd}: no portfolio yet";
        }
        else
        {
            summary = $"{date:yyyy-MM-dd}: equity {AlertBuilders.Money(p.Equity)}, day {Signed(p.DayPnl)} ({AlertBuilders.Pct((double)p.DayPnlPct)})";
            fields.Add(new("Equity", AlertBuilders.Money(p.Equity)));
            fields.Add(new("Day P&L", $"{Signed(p.DayPnl)} ({AlertBuilders.Pct((double)p.DayPnlPct)})"));
            var ranked = p.Positions.Where(x => x.Quantity != 0).OrderByDescending(x => x.UnrealizedPnl).ToList();
            if (ranked.Count > 0)
            {
                fields.Add(new("Best symbol", $"{ranked[0].Symbol} {Signed(ranked[0].UnrealizedPnl)}"));
                fields.Add(new("Worst symbol", $"{ranked[^1].Symbol} {Signed(ranked[^1].UnrealizedPnl)}"));
            }
        }
        fields.Add(new("Trades", trades.ToString(C)));
        var sources = bySource.Count == 0 ? "none" : string.Join(", ", bySource.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value.ToString(C)}"));
        fields.Add(new("Decisions by source", sources));
        if (llmHealth?.Current is { } model)
            fields.Add(new("Model", $"{model.State}: {model.Calls - model.Failures} of {model.Calls} calls answered since start"));
        var body = $"The New York session of {date:yyyy-MM-dd} closed: {trades.ToString(C)} fills, decisions by source: {sources}.";
        return new Alert(AlertType.DailySummary, AlertSeverity.Info, summary, body, fields, time.GetUtcNow().UtcDateTime, null, $"summary:{date:yyyy-MM-dd}");
    }

    private static string Signed(decimal value) => (value >= 0 ? "+" : "") + AlertBuilders.Money(value);
}
