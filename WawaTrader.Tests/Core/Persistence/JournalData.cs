using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>Builders of journal records for the persistence tests.</summary>
internal static class JournalData
{
    public static readonly DateTime MarketOpen = new(2024, 3, 15, 13, 30, 0, DateTimeKind.Utc);

    /// <summary>A snapshot in warm-up: the 50-bar SMA and the MACD signal are still NaN.</summary>
    public static IndicatorSnapshot Snapshot(DateTime barTime) => new(
        barTime, Close: 512.37, PreviousClose: 510.0, Sma20: 505.125, Sma50: double.NaN, Ema20: 506.0000001,
        Rsi14: 61.5, Macd: 1.25, MacdSignal: double.NaN, MacdHistogram: double.NaN,
        BollingerUpper: 515.2, BollingerMiddle: 505.125, BollingerLower: 495.05, Atr14: 4.2,
        StdDev20: 5.0375, Obv: 123456789, VolumeRatio20: 1.3);

    public static IReadOnlyList<RiskCheck> Checks() =>
    [
        new(RiskRules.PositionSize, true, 4.75, 10, "Position 4.75% of equity is within 10%"),
        new(RiskRules.Confidence, false, 55.5, 60, "Confidence 55.5 is below 60"),
        new(RiskRules.TradesPerDay, true, 11, 10, "Waived: a sell that closes the SPY position adds no risk; 10 of 10 trades used today", Waived: true),
    ];

    public static DecisionRecord Decision(
        string symbol = "SPY",
        DateTime? time = null,
        DateTime? barTime = null,
        Guid? id = null,
        TradeAction action = TradeAction.Hold,
        bool withOrder = false,
        OrderStatus status = OrderStatus.New,
        IReadOnlyList<Fill>? fills = null)
    {
        var decisionId = id ?? Guid.NewGuid();
        var bar = barTime ?? MarketOpen;
        var wall = time ?? bar.AddSeconds(2);
        var order = withOrder
            ? Order(decisionId, symbol, bar, wall, status, fills ?? [])
            : null;
        return new DecisionRecord(decisionId, wall, bar, symbol, withOrder ? TradeAction.Buy : action, 72.5,
            DecisionSource.Llm, withOrder, $"Reason for {symbol} at {bar:O}", Snapshot(bar), Checks(), order);
    }

    /// <summary>
    /// Writes a decision without an order as a journal of an older schema holds it: only the columns of the first migration, in
    /// SQL (the current model has columns an old schema lacks), in the forms rows held then (plain text, compact JSON version 2).
    /// For the tests that upgrade an old journal in place.
    /// </summary>
    public static async Task RecordOnOldSchemaAsync(TempDatabase database, DecisionRecord decision)
    {
        var row = WawaTrader.Core.Persistence.JournalMapping.ToEntity(decision);
        static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
        await using var context = database.CreateContext();
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlInterpolatedAsync(context.Database,
            $"""
            INSERT INTO decisions (id, time, bar_time, symbol, action, confidence, source, approved, reasoning, indicators_json, risk_checks_json)
            VALUES ({row.Id.ToString().ToUpperInvariant()}, {Stamp(row.Time)}, {Stamp(row.BarTime)}, {row.Symbol}, {row.Action.ToString()},
                    {row.Confidence}, {row.Source.ToString()}, {(row.Approved ? 1 : 0)}, {decision.Reasoning},
                    {CompactJournalJson.Serialize(decision.Indicators)}, {CompactJournalJson.Serialize(decision.RiskChecks)})
            """);
    }

    public static OrderRecord Order(Guid decisionId, string symbol, DateTime barTime, DateTime submittedAt,
        OrderStatus status = OrderStatus.New, IReadOnlyList<Fill>? fills = null) =>
        new(OrderRecord.ClientOrderIdFor(decisionId), decisionId, symbol, OrderSide.Buy, 17m, status,
            submittedAt, barTime, BrokerOrderId: null, fills ?? [], RejectReason: null);
}
