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

    /// <summary>Whether the agent is <see cref="AgentState.Halted"/> for new orders only (<see cref="HaltOrders"/>, the broker
    /// watchdog during an outage): cycles go on analysing and recording decisions, none is sent.</summary>
    public bool OrdersOnlyHalt { get; private set; }

    /// <summary>Whether cycles run: while <see cref="IsRunning"/>, and while only new orders are halted.</summary>
    public bool IsAnalysing => IsRunning || OrdersOnlyHalt;

    public void Start(string reason = "Started by user") => Set(AgentState.Running, reason);

    public void Stop(string reason = "Stopped by user") => Set(AgentState.Stopped, reason);

    /// <summary>Stops the agent because the engine cannot go on safely; a user must start it again.</summary>
    public void Halt(string reason) => Set(AgentState.Halted, reason);

    /// <summary>Halts new orders only (state Halted, <see cref="OrdersOnlyHalt"/>): the agent keeps analysing and records each
    /// decision as not sent, with <paramref name="reason"/>, until it is started (or stopped, or fully halted) again.</summary>
    public void HaltOrders(string reason) => Set(AgentState.Halted, reason, ordersOnly: true);

    private void Set(AgentState state, string reason, bool ordersOnly = false)
    {
        lock (_gate)
        {
            if (State == state && Reason == reason && OrdersOnlyHalt == ordersOnly) return;
            State = state;
            OrdersOnlyHalt = ordersOnly;
            Reason = reason;
            Since = time.GetUtcNow().UtcDateTime;
        }
        hub.Publish(new AgentStateChanged(Since, state, reason));
    }
}
