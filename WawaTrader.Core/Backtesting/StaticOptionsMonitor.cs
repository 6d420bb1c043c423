using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Backtesting;

/// <summary>Options that never change during a backtest run: the same instance for every name, no change notifications.</summary>
internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
