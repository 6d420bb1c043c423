using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace WawaTrader.Web.Security;

/// <summary>Counts wrong access tokens per client address (an unknown address counts as one) in a fixed one-minute window (wall time from the injected
/// <see cref="TimeProvider"/>); past <see cref="SecurityOptions.MaxFailedTokensPerMinute"/> the address is refused until
/// the window ends, whatever it sends, so a token cannot be guessed by trying.</summary>
public sealed class FailedTokenLimiter(TimeProvider time, IOptionsMonitor<SecurityOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<IPAddress, (DateTimeOffset Start, int Failures)> _windows = new();

    /// <summary>How long <paramref name="client"/> must wait before it may try again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? client)
    {
        if (!_windows.TryGetValue(client ?? IPAddress.None, out var w)) return null;
        var left = w.Start + Window - time.GetUtcNow();
        if (left <= TimeSpan.Zero) return null;
        return w.Failures >= options.CurrentValue.MaxFailedTokensPerMinute ? left : null;
    }

    public void RecordFailure(IPAddress? client)
    {
        var now = time.GetUtcNow();
        _windows.AddOrUpdate(client ?? IPAddress.None, (now, 1), (_, w) => now - w.Start >= Window ? (now, 1) : (w.Start, w.Failures + 1));
        if (_windows.Count > 10_000) Prune(now);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, w) in _windows)
            if (now - w.Start >= Window) _windows.TryRemove(address, out _);
    }
}
