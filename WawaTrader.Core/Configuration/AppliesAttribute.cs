namespace WawaTrader.Core.Configuration;

/// <summary>When a saved change of a setting takes effect in the running app, as the change summary and the README say it.</summary>
public enum SettingApplies
{
    /// <summary>Read on every use: at once.</summary>
    AtOnce,

    /// <summary>Read by the risk manager or the sizing of each decision.</summary>
    NextDecision,

    /// <summary>Read by the agent at the start of each cycle.</summary>
    NextCycle,

    /// <summary>Read for each call to the model.</summary>
    NextModelCall,

    /// <summary>Read for each alert sent.</summary>
    NextAlert,

    /// <summary>Read when a backtest starts.</summary>
    NextBacktest,

    /// <summary>Read only at start-up (<see cref="AppliesAfterRestartAttribute"/> says the same on a property).</summary>
    AfterRestart,
}

/// <summary>
/// When a change of the settings of this options class (on the class) or of one setting (on a property, which wins) takes effect;
/// <see cref="AppliesAfterRestartAttribute"/> on a property wins over both. A setting with neither says nothing about when.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class AppliesAttribute(SettingApplies when) : Attribute
{
    public SettingApplies When { get; } = when;
}
