using WawaTrader.Core.Backtesting;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// A row of <c>backtests</c>: one run. <see cref="SettingsJson"/> holds <see cref="BacktestSettings"/>; once completed,
/// <see cref="MetricsJson"/> the strategy's and the benchmark's metrics, <see cref="EquityJson"/> both equity curves,
/// <see cref="TradesJson"/> the fills and <see cref="WarningsJson"/> the warnings; all four null before. <see cref="Symbols"/>
/// and <see cref="Strategy"/> repeat the settings for reading the table by hand.
/// </summary>
internal sealed class BacktestEntity
{
    public required Guid Id { get; set; }
    public required DateTime Created { get; set; }
    public DateTime? Finished { get; set; }
    public required BacktestStatus Status { get; set; }
    public required double Progress { get; set; }
    public required string Strategy { get; set; }
    public required string Symbols { get; set; }
    public required string SettingsJson { get; set; }
    public string? MetricsJson { get; set; }
    public string? EquityJson { get; set; }
    public string? TradesJson { get; set; }
    public string? WarningsJson { get; set; }
    public string? Error { get; set; }
}
