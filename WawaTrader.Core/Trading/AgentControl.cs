namespace WawaTrader.Core.Trading;

/// <summary>
/// Start/stop of the agent, shared by the UI, the REST API and the engine itself (which halts on a fatal failure).
/// The state lives in this singleton, so it survives page reloads; every change is published on the hub.
/// </summary>
public sealed class AgentControl(AgentEventHub hub, TimeProvider time)
{
    private readonly Lock _gate = new();

    public AgentState State { get; private set; } = AgentState.Stopped;

    /// <summary>Why the agent is in its state (who stopped it, what halted it).</summary>
    public string? Reason { get; private set; }

    /// <summary>Wall time (UTC) of the last change.</summary>
    public DateTime Since { get; private set; } = time.GetUtcNow().UtcDateTime;

    public bool IsRunning => State == AgentState.Running;

    public void Start(string reason = "Started by user") => Set(AgentState.Running, reason);

    public void Stop(string reason = "Stopped by user") => Set(AgentState.Stopped, reason);

    /// <summary>Stops the agent because the engine cannot go on safely; a user must start it again.</summary>
    public void Halt(string reason) => Set(AgentState.Halted, reason);

    private void Set(AgentState state, string reason)
    {
        lock (_gate)
        {
            if (State == state && Reason == reason) return;
            State = state;
            Reason = reason;
            Since = time.GetUtcNow().UtcDateTime;
        }
        hub.Publish(new AgentStateChanged(Since, state, reason));
    }
}
