using BenchmarkDotNet.Attributes;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using Market = WawaTrader.Core.Market;

namespace WawaTrader.Benchmarks;

/// <summary>
/// One symbol's decision without the model: the technical analyst's proposal and the risk manager's five rules, each as the live
/// agent runs it (with the reasoning text a user reads) and as a technical-only backtest runs it (numbers only; the quiet analysis
/// entry allocates nothing for a Hold). The indicators are those after 500 bars of <see cref="SyntheticSeries"/>, with a position held.
/// Run: <c>dotnet run -c Release --project WawaTrader.Benchmarks -- --filter '*DecisionBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private readonly TechnicalAnalyst _analyst = new(new TechnicalAnalystOptions());
    private readonly RiskManager _risk = new(new StaticOptionsMonitor<RiskOptions>(new RiskOptions()));
    private IndicatorState _state = null!;
    private AnalysisContext _explained = null!;
    private AnalysisContext _quiet = null!;
    private ProposedOrder _order = null!;
    private PortfolioSnapshot _portfolio = null!;

    [GlobalSetup]
    public void Setup()
    {
        _state = new IndicatorState();
        var series = new SyntheticSeries(500);
        var start = new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < series.Close.Length; i++)
            _state.Add(new Market.Bar(start.AddDays(i), series.Open[i], series.High[i], series.Low[i], series.Close[i], series.Volume[i]));
        var snapshot = _state.ToSnapshot();
        var price = (decimal)Math.Round(snapshot.Close, 2);
        _explained = new AnalysisContext("SPY", snapshot, 40m, price * 0.97m);
        _quiet = _explained with { Explain = false };
        _portfolio = new PortfolioSnapshot(snapshot.Time, 60_000m, 100_000m,
            [new Position("SPY", 40m, price * 0.97m, price, 0m), new Position("MSFT", 30m, 300m, 310m, 0m)], 100_500m, 3, 0m);
        _order = new ProposedOrder(new Proposal("SPY", TradeAction.Buy, 80, "", DecisionSource.Technical), OrderSide.Buy, 20m, price);
    }

    /// <summary>The live analysis: proposal and its reasoning text.</summary>
    [Benchmark]
    public Proposal Analyst_Explained() => _analyst.Analyze(_explained);

    /// <summary>The same rules without the text (a model backtest's technical view without prose is not used; for scale).</summary>
    [Benchmark]
    public Proposal Analyst_Quiet() => _analyst.Analyze(_quiet);

    /// <summary>The backtest's entry: straight from the streaming values, a value (null for a Hold).</summary>
    [Benchmark]
    public QuietProposal? Analyst_ProposeQuietly() => _analyst.ProposeQuietly("SPY", _state.Current, 40m, _explained.PositionAveragePrice);

    /// <summary>All five rules with their reasons, as the live agent records them.</summary>
    [Benchmark]
    public RiskVerdict Risk_Explained() => _risk.Evaluate(_order, _portfolio);

    /// <summary>The backtest's verdict: numbers only, stopping at the first failed rule.</summary>
    [Benchmark]
    public RiskVerdict Risk_Quiet() => _risk.Evaluate(_order, _portfolio, explain: false);
}
