using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;
using WawaTrader.Web.Backtesting;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Backtests;

/// <summary>
/// The Backtests page's Optimise tab: a form (server files, strategy, fixed parameters, the grid as free text, rank metric, dates,
/// costs, optional walk-forward) that queues an optimisation on the <see cref="OptimizationRunner"/>; its live progress
/// (cancellable); and the result: a heatmap of two chosen parameters coloured by a chosen metric (best over the others when the
/// grid has more), the walk-forward windows with in-sample and out-of-sample figures side by side, and the ranked table.
/// </summary>
public sealed partial class OptimizePanel : ViewerClockComponent, IDisposable
{
    /// <summary>Rows of the ranked table shown.</summary>
    public const int MaxRows = 100;

    [Inject] private OptimizationRunner Runner { get; set; } = null!;
    [Inject] private IOptionsMonitor<BacktestingOptions> Options { get; set; } = null!;
    [Inject] private IServiceProvider Services { get; set; } = null!;

    private readonly List<string> _errors = [];
    private bool _disposed;
    private IReadOnlyList<Optimization> _list = [];
    private Optimization? _current;
    private HeatmapMatrix? _heatmap;
    private string _x = "", _y = "", _metric = OptimizationOrder.DefaultRank;

    private string? _paths;
    private IReadOnlyCollection<string> _symbols = [];
    private string _strategy = FastBacktester.SmaCross;
    private string? _parameters;
    private string? _grid = "fast=5,10,20\nslow=30,50,100";
    private string _rank = OptimizationOrder.DefaultRank;
    private DateTime? _from, _to;
    private decimal _cash, _commission, _slippage;
    private bool _walkForward;
    private int _trainBars = 120, _testBars = 60;

    private bool IsActive => _current is { IsFinal: false };

    protected override void OnInitialized()
    {
        var defaults = Options.CurrentValue;
        (_cash, _commission, _slippage) = (defaults.InitialCash, defaults.CommissionPerShare, (decimal)defaults.SlippageBps);
        Runner.Changed += OnChanged;
        _list = Runner.List(20);
    }

    private async Task RunAsync()
    {
        _errors.Clear();
        if (!BacktestInputs.TryParseParameters(BacktestInputs.SplitItems(_parameters), out var parameters, out var paramError))
        {
            _errors.Add($"Fixed parameters: {paramError}");
            return;
        }
        if (!OptimizationOrder.TryParseGridText(_grid, out var grid, out var gridError))
        {
            _errors.Add($"Grid: {gridError}");
            return;
        }
        var order = new OptimizationOrder
        {
            Csv = [.. (_paths ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Symbols = [.. _symbols],
            Strategy = _strategy,
            Params = parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value), StringComparer.Ordinal),
            Commission = _commission,
            SlippageBps = _slippage,
            Cash = _cash,
            From = _from is { } f ? DateTime.SpecifyKind(f.Date, DateTimeKind.Utc) : null,
            To = _to is { } t ? DateTime.SpecifyKind(t.Date, DateTimeKind.Utc) : null,
            Grid = grid.ToDictionary(g => g.Key, g => JsonSerializer.SerializeToElement(g.Value), StringComparer.Ordinal),
            Rank = _rank,
            WalkForward = _walkForward ? new WalkForwardOrder(_trainBars, _testBars) : null,
        };
        var (request, sources, errors) = await order.BuildOptimizationAsync(Options.CurrentValue, Services.GetService<IBarCache>(), Services.GetService<Backtester>(), CancellationToken.None);
        if (request is null)
        {
            _errors.AddRange(errors.Select(e => e.Value.Length == 1 && e.Value[0].Contains(e.Key, StringComparison.Ordinal) ? e.Value[0] : $"{Label(e.Key)}: {string.Join(" ", e.Value)}"));
            return;
        }
        Show(await Runner.EnqueueAsync(request, sources, CancellationToken.None));
        _list = Runner.List(20);
    }

    private void Cancel()
    {
        if (_current is { } o) Runner.Cancel(o.Id);
    }

    private void Open(Guid id)
    {
        if (Runner.Get(id) is { } o) Show(o);
    }

    private void OnChanged(Optimization optimization)
    {
        if (_disposed) return;
        _ = InvokeAsync(() =>
        {
            if (_disposed) return;
            if (_current?.Id == optimization.Id) Show(optimization);
            if (optimization.IsFinal || optimization.Status == BacktestStatus.Queued) _list = Runner.List(20);
            StateHasChanged();
        });
    }

    private void Show(Optimization optimization)
    {
        var changed = _current?.Id != optimization.Id || (_current.Outcome is null) != (optimization.Outcome is null);
        _current = optimization;
        if (!changed) return;
        _heatmap = null;
        if (optimization.Grid.Count >= 2)
        {
            (_x, _y) = (optimization.Grid[0].Key, optimization.Grid[1].Key);
            _metric = optimization.Rank;
        }
        Redraw();
    }

    private void SetX(string key) => SetAxes(key, key == _y ? _x : _y);

    private void SetY(string key) => SetAxes(key == _x ? _y : _x, key);

    private void SetAxes(string x, string y)
    {
        (_x, _y) = (x, y);
        Redraw();
    }

    private void SetMetric(string metric)
    {
        _metric = metric;
        Redraw();
    }

    private void Redraw()
    {
        if (_current is not { Outcome: { } outcome } o || o.Grid.Count < 2) return;
        var x = o.Grid.First(a => a.Key == _x);
        var y = o.Grid.First(a => a.Key == _y);
        var matrix = OptimizationHeatmap.Build(outcome.Runs, x.Key, y.Key, _metric, x.Values, y.Values);
        _heatmap = MetricFormat.IsFraction(_metric) ? matrix.Scaled(100) : matrix;
    }

    /// <summary>The ranked table's metric columns: the usual four, then the rank metric if it is not one of them.</summary>
    private static IEnumerable<string> Columns(string rank)
    {
        string[] usual = ["totalReturn", "sharpe", "maxDrawdown", "tradeCount"];
        return usual.Contains(rank, StringComparer.OrdinalIgnoreCase) ? usual : [.. usual, rank];
    }

    private static string Label(string key) => key switch
    {
        "" => "Request",
        "csv" => "Price files",
        "grid" => "Grid",
        "rank" => "Rank by",
        "walkForward" => "Walk-forward",
        _ when key.StartsWith("symbols", StringComparison.Ordinal) => "Cached symbols",
        _ => key,
    };

    private static string Describe(Optimization o)
    {
        var grid = string.Join(" · ", o.Grid.Select(a => $"{a.Key}: {string.Join(", ", a.Values)}"));
        var fixedParameters = o.Settings.Parameters.Count == 0 ? "" : " · fixed " + string.Join(", ", o.Settings.Parameters.Select(p => $"{p.Key}={p.Value}"));
        var walk = o.WalkForward is { } wf ? string.Create(CultureInfo.InvariantCulture, $" · walk-forward {wf.TrainBars}/{wf.TestBars} bars") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{grid}{fixedParameters} · cash {Format.Money(o.Settings.InitialCash)} · commission {o.Settings.Costs.CommissionPerShare}/share · slippage {o.Settings.Costs.SlippageBps} bps{walk}");
    }

    public void Dispose()
    {
        _disposed = true;
        Runner.Changed -= OnChanged;
    }
}
