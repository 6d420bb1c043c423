using WawaTrader.Core.Brokers;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence;

/// <summary>Converts between the journal's records and its rows. Pure; no database access.</summary>
internal static class JournalMapping
{
    public static DecisionEntity ToEntity(DecisionRecord decision) => new()
    {
        Id = decision.Id,
        Time = decision.Time,
        BarTime = decision.BarTime,
        Symbol = decision.Symbol,
        Action = decision.Action,
        Confidence = decision.Confidence,
        Source = decision.Source,
        Approved = decision.Approved,
        Reasoning = decision.Reasoning,
        IndicatorsJson = PersistenceJson.Serialize(decision.Indicators),
        RiskChecksJson = PersistenceJson.Serialize(decision.RiskChecks),
        Order = decision.Order is null ? null : ToEntity(decision.Order),
    };

    public static OrderEntity ToEntity(OrderRecord order) => new()
    {
        ClientOrderId = order.ClientOrderId,
        DecisionId = order.DecisionId,
        Symbol = order.Symbol,
        Side = order.Side,
        Quantity = order.Quantity,
        Status = order.Status,
        SubmittedAt = order.SubmittedAt,
        BarTime = order.BarTime,
        BrokerOrderId = order.BrokerOrderId,
        RejectReason = order.RejectReason,
        Fills = order.Fills.Select(f => ToEntity(order.ClientOrderId, f)).ToList(),
    };

    public static FillEntity ToEntity(string clientOrderId, Fill fill) => new()
    {
        ClientOrderId = clientOrderId,
        Time = fill.Time,
        Quantity = fill.Quantity,
        Price = fill.Price,
        Commission = fill.Commission,
    };

    public static PerformanceSnapshotEntity ToEntity(PerformanceSnapshot snapshot) => new()
    {
        Time = snapshot.Time,
        MarketTime = snapshot.MarketTime,
        Cash = snapshot.Cash,
        Equity = snapshot.Equity,
        Exposure = snapshot.Exposure,
        DayPnl = snapshot.DayPnl,
    };

    public static DecisionRecord ToRecord(DecisionEntity row) => new(
        row.Id,
        row.Time,
        row.BarTime,
        row.Symbol,
        row.Action,
        row.Confidence,
        row.Source,
        row.Approved,
        row.Reasoning,
        PersistenceJson.Deserialize<IndicatorSnapshot>(row.IndicatorsJson, "indicator snapshot"),
        PersistenceJson.Deserialize<List<RiskCheck>>(row.RiskChecksJson, "risk checks"),
        row.Order is null ? null : ToRecord(row.Order));

    public static OrderRecord ToRecord(OrderEntity row) => new(
        row.ClientOrderId,
        row.DecisionId,
        row.Symbol,
        row.Side,
        row.Quantity,
        row.Status,
        row.SubmittedAt,
        row.BarTime,
        row.BrokerOrderId,
        row.Fills.OrderBy(f => f.Id).Select(ToRecord).ToList(),
        row.RejectReason);

    public static Fill ToRecord(FillEntity row) => new(row.Time, row.Quantity, row.Price, row.Commission);

    public static PerformanceSnapshot ToRecord(PerformanceSnapshotEntity row) =>
        new(row.Time, row.MarketTime, row.Cash, row.Equity, row.Exposure, row.DayPnl);
}
