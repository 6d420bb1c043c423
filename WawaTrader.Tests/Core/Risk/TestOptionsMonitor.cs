using Microsoft.Extensions.Options;

namespace WawaTrader.Tests.Core.Risk;

/// <summary>An <see cref="IOptionsMonitor{T}"/> whose value a test sets, standing in for a reloaded configuration.</summary>
internal sealed class TestOptionsMonitor<T>(T initial) : IOptionsMonitor<T>
{
    private readonly List<Action<T, string?>> _listeners = [];

    public T CurrentValue { get; private set; } = initial;

    public T Get(string? name) => CurrentValue;

    /// <summary>Replaces the current value and notifies the listeners, as a configuration reload does.</summary>
    public void Set(T value)
    {
        CurrentValue = value;
        foreach (var listener in _listeners.ToArray()) listener(value, Options.DefaultName);
    }

    public IDisposable OnChange(Action<T, string?> listener)
    {
        _listeners.Add(listener);
        return new Subscription(() => _listeners.Remove(listener));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
