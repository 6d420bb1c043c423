using WawaTrader.Core.Alerts;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Alerts;

/// <summary>Builders of the alerts tests send.</summary>
internal static class Alerts
{
    public static readonly Guid DecisionId = Guid.Parse("0190a5b2-0000-7000-8000-000000000017");

    /// <summary>A filled order: BUY 12 NVDA, one fill at 131.20.</summary>
    public static OrderRecord FilledNvda(DateTime time, Guid? decisionId = null)
    {
        var id = decisionId ?? DecisionId;
        return new OrderRecord(OrderRecord.ClientOrderIdFor(id), id, "NVDA", OrderSide.Buy, 12m, OrderStatus.Filled, time, time, "paper-1",
            [new Fill(time, 12m, 131.20m, 0.06m)], null);
    }

    /// <summary>The trade alert "[WawaTrader] Trade: BUY 12 NVDA @ 131.20".</summary>
    public static Alert Trade(DateTime time) =>
        AlertBuilders.Trade(FilledNvda(time), "RSI turned up from 28 with MACD crossing above its signal <&> volume 1.4x average.", time);

    /// <summary>A refusal of a buy of <paramref name="symbol"/> by the exposure rule.</summary>
    public static Alert Rejection(string symbol, DateTime time) =>
        new(AlertType.OrderRejected, AlertSeverity.Warning, $"BUY {symbol} stopped by Exposure", "Exposure 34% would exceed 30%.",
            [new("Exposure", "34 against a limit of 30")], time, null, $"rule-rejected:{symbol}:Exposure");
}
