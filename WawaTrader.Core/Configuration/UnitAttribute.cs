namespace WawaTrader.Core.Configuration;

/// <summary>
/// The unit a setting is measured in, shown as the field's adornment, after its values ("10%", "20 s", "$5") and in the README's
/// settings table. Every setting states one: <see cref="Units.None"/> says explicitly that it has none (a name, a switch, a URL).
/// With <c>[Display(Name = ..., Description = ...)]</c> and the data-annotation rules it is the whole description of a setting:
/// <code>
/// [Display(Name = "Largest position, % of equity", ShortName = "Largest position", Description = "One symbol's value after the order.")]
/// [Unit(Units.Percent)]
/// [Range(0.1, 100)] public double MaxPositionPct { get; set; } = 10;
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class UnitAttribute(string symbol) : Attribute
{
    /// <summary>One of <see cref="Units"/> (or another short symbol); "" for none.</summary>
    public string Symbol { get; } = symbol ?? "";
}

/// <summary>The units settings use. Percent is written after the number without a space, currency before it, the others after a space.</summary>
public static class Units
{
    /// <summary>No unit (text, a switch, a choice, a URL, a count that names itself).</summary>
    public const string None = "";

    /// <summary>Percent: 10 means 10%.</summary>
    public const string Percent = "%";

    /// <summary>Account currency.</summary>
    public const string Dollars = "$";

    /// <summary>Seconds (a number of seconds, or a <see cref="TimeSpan"/>, shown as a duration: "20 s", "2 min").</summary>
    public const string Seconds = "s";

    /// <summary>Minutes (a whole number of minutes, shown as a duration).</summary>
    public const string Minutes = "min";

    /// <summary>Basis points: 1 bps = 0.01%.</summary>
    public const string BasisPoints = "bps";

    public const string Shares = "shares";
    public const string Orders = "orders";
    public const string Bars = "bars";
    public const string Tokens = "tokens";
    public const string Calls = "calls";
    public const string Attempts = "attempts";
    public const string Retries = "retries";
    public const string Symbols = "symbols";
    public const string Characters = "characters";
}
