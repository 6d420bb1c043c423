using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

public sealed class AlpacaOrderRulesTests
{
    private static readonly AlpacaAssetInfo Whole = new("AAPL", Tradable: true, Fractionable: false);
    private static readonly AlpacaAssetInfo Fractionable = new("AAPL", Tradable: true, Fractionable: true);
    private static readonly AlpacaAssetInfo Untradable = new("AAPL", Tradable: false, Fractionable: true);

    private static AlpacaOrderCheck Check(OrderSide side = OrderSide.Buy, decimal quantity = 10m, AlpacaAssetInfo? asset = null, bool noAsset = false,
        decimal held = 0m, decimal offered = 0m, AlpacaSession session = AlpacaSession.Regular, AlpacaOrderType type = AlpacaOrderType.Market,
        bool fractional = false, bool extended = false, string id = "wt-1", decimal? limit = null) =>
        new(new OrderRequest(id, "AAPL", side, quantity)
            {
                Type = type == AlpacaOrderType.Limit ? OrderType.Limit : OrderType.Market,
                LimitPrice = type == AlpacaOrderType.Limit ? limit ?? 99.5m : null,
            }, type, noAsset ? null : asset ?? Whole, held, offered, session, fractional, extended);

    public static TheoryData<string, AlpacaOrderCheck, string?> Cases => new()
    {
        { "whole-share market buy in the regular session", Check(), null },
        { "blank client order id", Check(id: " "), "client order id is required" },
        { "client order id over 48 characters", Check(id: new string('x', 49)), "at most 48" },
        { "client order id of exactly 48 characters", Check(id: new string('x', 48)), null },
        { "zero quantity", Check(quantity: 0m), "quantity must be positive" },
        { "negative quantity", Check(quantity: -3m), "quantity must be positive" },
        { "symbol Alpaca does not list", Check(noAsset: true), "unknown symbol AAPL" },
        { "untradable symbol", Check(asset: Untradable), "not tradable" },
        { "fractional quantity with fractional orders off", Check(quantity: 1.5m, asset: Fractionable), "fractional orders are off" },
        { "fractional quantity on an asset that is not fractionable", Check(quantity: 1.5m, fractional: true), "not fractionable" },
        { "fractional quantity allowed on a fractionable asset", Check(quantity: 1.5m, asset: Fractionable, fractional: true), null },
        { "short sale", Check(side: OrderSide.Sell, quantity: 1m), "no short selling" },
        { "selling more than held", Check(side: OrderSide.Sell, quantity: 6m, held: 5m), "insufficient position" },
        { "selling shares already offered", Check(side: OrderSide.Sell, quantity: 3m, held: 5m, offered: 3m), "insufficient position" },
        { "selling what is held and not offered", Check(side: OrderSide.Sell, quantity: 2m, held: 5m, offered: 3m), null },
        { "market order when closed", Check(session: AlpacaSession.Closed), "market is closed" },
        { "market order in extended hours with them off", Check(session: AlpacaSession.Extended), "extended-hours trading is off" },
        { "market order in extended hours with them on", Check(session: AlpacaSession.Extended, extended: true), "limit orders only" },
        { "limit order in extended hours with them on", Check(session: AlpacaSession.Extended, extended: true, type: AlpacaOrderType.Limit), null },
        { "limit order when closed", Check(session: AlpacaSession.Closed, extended: true, type: AlpacaOrderType.Limit), "market is closed" },
        { "limit order in the regular session", Check(type: AlpacaOrderType.Limit), null },
        { "limit order without a positive price", Check(type: AlpacaOrderType.Limit, limit: 0m), "a limit order needs a positive limit price" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Refuses_what_alpaca_would_refuse_or_we_never_send(string rule, AlpacaOrderCheck check, string? expected)
    {
        var refusal = AlpacaOrderRules.Refusal(check);

        if (expected is null) Assert.True(refusal is null, $"{rule}: refused with '{refusal}'");
        else Assert.Contains(expected, refusal ?? "(accepted)", StringComparison.Ordinal);
    }

    [Fact]
    public void Every_order_is_a_day_order() => Assert.Equal("day", AlpacaOrderRules.TimeInForce);
}
