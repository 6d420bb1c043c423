using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Risk;

/// <summary>
/// A proposal sized into an order: <see cref="Quantity"/> whole shares at an estimated <see cref="Price"/>
/// (the last close). A Hold has no side and quantity 0.
/// </summary>
public sealed record ProposedOrder(Proposal Proposal, OrderSide? Side, decimal Quantity, decimal Price)
{
    public decimal Value => Quantity * Price;
}
