namespace WawaTrader.Core.Persistence;

/// <summary>
/// A row of <c>bars</c>, the bar cache: one closed bar of a symbol. Keyed by (<see cref="Symbol"/>, <see cref="Time"/>); the key's
/// index serves range reads of a symbol. <see cref="Time"/> is the bar's UTC time in .NET ticks (100 ns since 0001-01-01), an
/// INTEGER so the range reads compare numbers; prices and volume are REAL (double, as <c>Bar</c> holds them).
/// </summary>
internal sealed class BarEntity
{
    public required string Symbol { get; set; }
    public required long Time { get; set; }
    public required double Open { get; set; }
    public required double High { get; set; }
    public required double Low { get; set; }
    public required double Close { get; set; }
    public required double Volume { get; set; }
}
