using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Web.Components;

/// <summary>Builds <see cref="DecisionRecord"/>s for component tests: only what a test names differs.</summary>
internal static class Decisions
{
    public static readonly DateTime T0 = new(2024, 3, 1, 15, 30, 0, DateTimeKind.Utc);

    public static RiskCheck Pass(string rule) => new(rule, true, 1, 10, $"{rule} within limit");

    public static RiskCheck Fail(string rule, string reason) => new(rule, false, 12, 10, reason);

    public static RiskCheck Waived(string rule, string reason) => new(rule, true, 11, 10, reason, Waived: true);

    public static DecisionRecord Make(
        string symbol = "AAPL",
        TradeAction action = TradeAction.Buy,
        double confidence = 80,
        bool approved = true,
        string reasoning = "RSI 28 oversold; price above SMA50.",
        DateTime? time = null,
        IReadOnlyList<RiskCheck>? checks = null,
        bool withOrder = false)
    {
        var id = Guid.NewGuid();
        var at = time ?? T0;
        var order = withOrder
            ? new OrderRecord(OrderRecord.ClientOrderIdFor(id), id, symbol, action == TradeAction.Sell ? OrderSide.Sell : OrderSide.Buy,
                10, OrderStatus.New, at, at, null, [], null)
            : null;
        return new DecisionRecord(id, at, at, symbol, action, confidence, DecisionSource.Technical, approved, reasoning,
            Indicators(at), checks ?? [Pass(RiskRules.Exposure)], order);
    }

    private static IndicatorSnapshot Indicators(DateTime time) =>
        new(time, 100, 99, double.NaN, double.NaN, double.NaN, 50, 0, 0, 0, double.NaN, double.NaN, double.NaN, 1, 1, 0, 1);
}
