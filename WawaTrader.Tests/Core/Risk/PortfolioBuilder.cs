using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Risk;

/// <summary>
/// Builds <see cref="PortfolioSnapshot"/>s for risk tests. Equity is fixed first and cash is what is left after the
/// positions' market value, so percentages of equity are exact: <c>PortfolioBuilder.WithEquity(100_000m).Holding("MSFT", 200, 100m).Build()</c>.
/// The day starts at the same equity (no day P&amp;L) unless <see cref="DayStartEquity"/> is given.
/// </summary>
internal sealed class PortfolioBuilder
{
    private readonly decimal _equity;
    private readonly List<Position> _positions = [];
    private decimal? _dayStartEquity;
    private int _tradesToday;

    private PortfolioBuilder(decimal equity) => _equity = equity;

    public static PortfolioBuilder WithEquity(decimal equity) => new(equity);

    /// <summary>Adds a position marked at <paramref name="lastPrice"/>, bought at <paramref name="averagePrice"/> (default: the same).</summary>
    public PortfolioBuilder Holding(string symbol, decimal quantity, decimal lastPrice, decimal? averagePrice = null)
    {
        _positions.Add(new Position(symbol, quantity, averagePrice ?? lastPrice, lastPrice, 0m));
        return this;
    }

    public PortfolioBuilder DayStartEquity(decimal equity)
    {
        _dayStartEquity = equity;
        return this;
    }

    public PortfolioBuilder TradesToday(int count)
    {
        _tradesToday = count;
        return this;
    }

    public PortfolioSnapshot Build() => new(
        Time: new DateTime(2024, 3, 1, 15, 0, 0, DateTimeKind.Utc),
        Cash: _equity - _positions.Sum(p => p.MarketValue),
        Equity: _equity,
        Positions: _positions.ToArray(),
        DayStartEquity: _dayStartEquity ?? _equity,
        TradesToday: _tradesToday,
        RealizedPnl: 0m);
}

/// <summary>Proposed orders for risk tests; confidence defaults to 80 (above the default minimum of 70).</summary>
internal static class Orders
{
    public static ProposedOrder Buy(string symbol, decimal quantity, decimal price, double confidence = 80) =>
        new(Proposal(symbol, TradeAction.Buy, confidence), OrderSide.Buy, quantity, price);

    public static ProposedOrder Sell(string symbol, decimal quantity, decimal price, double confidence = 80) =>
        new(Proposal(symbol, TradeAction.Sell, confidence), OrderSide.Sell, quantity, price);

    public static ProposedOrder Hold(string symbol, decimal price, double confidence = 80) =>
        new(Proposal(symbol, TradeAction.Hold, confidence), null, 0m, price);

    public static Proposal Proposal(string symbol, TradeAction action, double confidence = 80) =>
        new(symbol, action, confidence, "test proposal", DecisionSource.Technical);
}
