namespace WawaTrader.Core.Market.Alpaca;

/// <summary>
/// Whether one of Alpaca's APIs answers, as the last requests found it: an answer counts as answering, a connection failure, a
/// timeout or a 5xx as not. Read by the health endpoints, the portfolio endpoint and the outage monitor; times are wall time
/// (UTC). Thread-safe. One instance per API: <see cref="AlpacaDataStatus"/> (Market Data), <c>AlpacaStatus</c> (Trading).
/// </summary>
public abstract class AlpacaApiStatus(TimeProvider time)
{
    private readonly Lock _gate = new();

    /// <summary>True after an answer, false after a failure to get one, null before the first request.</summary>
    public bool? Answering { get; private set; }

    /// <summary>When Alpaca last answered.</summary>
    public DateTime? LastAnswer { get; private set; }

    /// <summary>When the current run of failures began (null while Alpaca answers).</summary>
    public DateTime? FailingSince { get; private set; }

    /// <summary>What the last failure was (no keys in it), null while Alpaca answers.</summary>
    public string? LastError { get; private set; }

    internal void Answered()
    {
        lock (_gate)
        {
            Answering = true;
            LastAnswer = time.GetUtcNow().UtcDateTime;
            FailingSince = null;
            LastError = null;
        }
    }

    internal void Failed(string error)
    {
        lock (_gate)
        {
            Answering = false;
            FailingSince ??= time.GetUtcNow().UtcDateTime;
            LastError = error;
        }
    }

    /// <summary>How long Alpaca has not answered, as of now; zero while it answers.</summary>
    public TimeSpan Outage
    {
        get
        {
            lock (_gate) return FailingSince is { } since ? time.GetUtcNow().UtcDateTime - since : TimeSpan.Zero;
        }
    }
}

/// <summary>Whether Alpaca's Market Data API answers (<see cref="AlpacaApiStatus"/>), as the bars requests found it.</summary>
public sealed class AlpacaDataStatus(TimeProvider time) : AlpacaApiStatus(time);
