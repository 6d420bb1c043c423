using System.Globalization;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>
/// The client-side request budget of the Trading API: at most <see cref="RequestsPerMinute"/> requests in any minute (Alpaca's
/// limit), and none while Alpaca's last <c>X-Ratelimit-Remaining</c> was 0 until its <c>X-Ratelimit-Reset</c> (Unix seconds).
/// Shared by every request of the process; time from the injected <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
public sealed class AlpacaRateBudget(TimeProvider time)
{
    /// <summary>Alpaca's documented limit per account.</summary>
    public const int RequestsPerMinute = 200;

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _sent = new();
    private DateTimeOffset? _exhaustedUntil;

    /// <summary>How long to wait before the next request may go (zero when it may go now); a zero answer books the request.</summary>
    internal TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_sent.Count > 0 && now - _sent.Peek() >= TimeSpan.FromMinutes(1)) _sent.Dequeue();
            if (_exhaustedUntil is { } until && until > now) return until - now;
            if (_sent.Count >= RequestsPerMinute) return _sent.Peek() + TimeSpan.FromMinutes(1) - now;
            _sent.Enqueue(now);
            return TimeSpan.Zero;
        }
    }

    /// <summary>Reads Alpaca's rate-limit headers of one answer.</summary>
    internal void Observe(HttpResponseMessage response)
    {
        if (!TryHeader(response, "X-Ratelimit-Remaining", out var remaining)) return;
        lock (_gate)
        {
            _exhaustedUntil = remaining <= 0 && TryHeader(response, "X-Ratelimit-Reset", out var reset)
                ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(reset, DateTimeOffset.MaxValue.ToUnixTimeSeconds()))
                : null;
            if (_exhaustedUntil is { } until && until - time.GetUtcNow() > TimeSpan.FromMinutes(1)) _exhaustedUntil = time.GetUtcNow() + TimeSpan.FromMinutes(1);
        }
    }

    private static bool TryHeader(HttpResponseMessage response, string name, out long value)
    {
        value = 0;
        return response.Headers.TryGetValues(name, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>Waits for <see cref="AlpacaRateBudget"/> before each attempt and feeds it each answer's rate-limit headers.</summary>
internal sealed class AlpacaRateLimitHandler(AlpacaRateBudget budget, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var wait = budget.Reserve(); wait > TimeSpan.Zero; wait = budget.Reserve())
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        budget.Observe(response);
        return response;
    }
}
