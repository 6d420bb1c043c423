using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>The broker contract for <see cref="WawaTrader.Core.Brokers.Alpaca.AlpacaBroker"/> against the loopback fake of Alpaca's
/// Trading API: a "bar" is the fake filling the symbol's open orders at a price one unit higher.</summary>
public sealed class AlpacaBrokerContractTests : BrokerContractTests, IAsyncLifetime
{
    private AlpacaBrokerHarness? _harness;
    private decimal _price = 100m;

    public async Task InitializeAsync() => _harness = await AlpacaBrokerHarness.StartAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null) await _harness.DisposeAsync();
    }

    protected override Task<IBroker> CreateBrokerAsync(CancellationToken cancellationToken)
    {
        _harness!.Fake.SetPrice(Symbol, _price);
        return Task.FromResult<IBroker>(_harness.Broker);
    }

    protected override Task AdvanceBarAsync(string symbol, CancellationToken cancellationToken)
    {
        _price += 1m;
        _harness!.Fake.FillOpenOrders(symbol, _price);
        return Task.CompletedTask;
    }
}
