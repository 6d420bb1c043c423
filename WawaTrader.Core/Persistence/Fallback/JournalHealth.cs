namespace WawaTrader.Core.Persistence.Fallback;

/// <summary>Where the journal's writes are going now, for pages, health checks and alerts: set by <see cref="DurableJournal"/>,
/// read by anyone (a page listens for <see cref="JournalStateChanged"/> and reads it again).</summary>
public sealed class JournalHealth
{
    private volatile Snapshot _current = new(JournalState.Database, 0, null);

    public JournalState State => _current.State;

    /// <summary>Records waiting in the fallback file.</summary>
    public int Pending => _current.Pending;

    /// <summary>Why the journal is not writing to the database; null when it is.</summary>
    public string? Reason => _current.Reason;

    internal void Set(JournalState state, int pending, string? reason) => _current = new(state, pending, reason);

    private sealed record Snapshot(JournalState State, int Pending, string? Reason);
}
