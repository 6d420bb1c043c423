namespace WawaTrader.Core.Configuration;

/// <summary>Marks a setting the running app reads only at start-up (which market or broker to build): the settings page says
/// a change takes effect after a restart instead of promising a live change.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AppliesAfterRestartAttribute : Attribute;
