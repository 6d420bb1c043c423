using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>Whether Alpaca's Trading API answers (<see cref="AlpacaApiStatus"/>): every answer but a 5xx counts as answering.</summary>
public sealed class AlpacaStatus(TimeProvider time) : AlpacaApiStatus(time);
