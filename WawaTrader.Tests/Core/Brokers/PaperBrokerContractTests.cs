using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Brokers;

/// <summary>The broker contract for the paper broker, with a market that rises one unit per bar.</summary>
public sealed class PaperBrokerContractTests : BrokerContractTests
{
    private readonly PaperHarness _paper = new(PaperHarness.Costs(cash: 100_000m, slippageBps: 1m, commissionPerShare: 0.005m));
    private decimal _price = 100m;

    protected override async Task<IBroker> CreateBrokerAsync(CancellationToken cancellationToken)
    {
        await _paper.BarAsync(Symbol, _price, _price);
        return _paper.Broker;
    }

    protected override Task AdvanceBarAsync(string symbol, CancellationToken cancellationToken)
    {
        _price += 1m;
        return _paper.BarAsync(symbol, _price, _price + 0.5m);
    }
}
