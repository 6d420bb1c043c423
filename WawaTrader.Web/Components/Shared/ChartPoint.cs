namespace WawaTrader.Web.Components.Shared;

/// <summary>One point of a time-series chart: <see cref="Time"/> in UTC, <see cref="Value"/> in the series' unit.</summary>
public readonly record struct ChartPoint(DateTime Time, decimal Value);
