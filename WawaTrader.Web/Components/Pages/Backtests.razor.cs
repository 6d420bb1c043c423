using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;
using WawaTrader.Web.Backtesting;
using WawaTrader.Web.Components.Backtests;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Pages;

/// <summary>
/// Backtests: a form (server file paths, uploaded CSV and/or symbols from the bar cache, strategy, parameters, dates, costs, model mode) that queues a run
/// on the <see cref="BacktestRunner"/>, its live progress (cancellable), and the result of the open run: equity against
/// buy-and-hold, drawdown, monthly returns, metrics and trades. Past runs are listed and re-open from the store.
/// </summary>
public sealed partial class Backtests : ViewerClockComponent, IDisposable
{
    /// <summary>Largest CSV upload read, in bytes.</summary>
    public const long MaxUploadBytes = 50 * 1024 * 1024;

    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames[..12];

    [Parameter] public Guid? Id { get; set; }

    [Inject] private BacktestRunner Runner { get; set; } = null!;
    [Inject] private IOptionsMonitor<BacktestingOptions> Options { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IServiceProvider Services { get; set; } = null!;
    [Inject] private ILogger<Backtests> Logger { get; set; } = null!;

    private readonly CancellationTokenSource _cts = new();
    private readonly List<BacktestCsvText> _uploads = [];
    private readonly List<string> _errors = [];
    private IReadOnlyList<BacktestRunSummary> _runs = [];
    private BacktestRun? _current;
    private ChartDownsampling? _equity, _benchmark, _drawdown;
    private IReadOnlySet<DateTime> _breaks = new HashSet<DateTime>();
    private (IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, double?[][] Values) _heatmap = ([], MonthNames, []);

    private string? _paths;
    private IReadOnlyCollection<string> _symbols = [];
    private string _strategy = BacktestOrder.DefaultStrategy;
    private string? _parameters;
    private DateTime? _from, _to;
    private decimal _cash, _commission, _slippage;
    private string _llm = "off";
    private double _positionSizePct, _maxPositionPct, _maxExposurePct;
    private bool _dates;

    /// <summary>Daily bars' charts show dates; others the bars' market times as stored.</summary>
    private string TimeFormat => _dates ? ChartTimeFormat.Dates : ChartTimeFormat.Market;

    private bool IsActive => _current is { IsFinal: false };

    /// <summary>The open run's bars are (partly) the simulated example history: said in its header and on its charts.</summary>
    private bool IsSimulated => _current is { } run && ExampleBacktest.IsSimulated(run.Settings);

    protected override async Task OnInitializedAsync()
    {
        var defaults = Options.CurrentValue;
        (_cash, _commission, _slippage) = (defaults.InitialCash, defaults.CommissionPerShare, (decimal)defaults.SlippageBps);
        // The live sizing and limits, as the engine would apply them (the settings in force now).
        var live = Services.GetService<Backtester>()?.Defaults ?? BacktestDefaults.BuiltIn;
        (_positionSizePct, _maxPositionPct, _maxExposurePct) = (live.PositionSizePct, live.Risk.MaxPositionPct, live.Risk.MaxExposurePct);
        Runner.Changed += OnRunChanged;
        await LoadRunsAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Id is { } id && _current?.Id != id) await OpenAsync(id);
    }

    private async Task OpenAsync(Guid id)
    {
        try
        {
            var run = await Runner.GetAsync(id, _cts.Token);
            if (run is null) _errors.Add($"There is no backtest {id}.");
            else Show(run);
        }
        catch (Exception ex) when (!_cts.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "Backtest {RunId} could not be read", id);
            _errors.Add(ex.Message);
        }
    }

    private async Task OnUploadAsync(IReadOnlyList<IBrowserFile>? files)
    {
        foreach (var file in files ?? [])
        {
            try
            {
                using var reader = new StreamReader(file.OpenReadStream(MaxUploadBytes, _cts.Token));
                var text = await reader.ReadToEndAsync(_cts.Token);
                _uploads.RemoveAll(u => u.Name == file.Name);
                _uploads.Add(new BacktestCsvText(BacktestInputs.SymbolOf(file.Name), text, file.Name));
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException)
            {
                _errors.Add($"{file.Name}: {ex.Message}");
            }
        }
    }

    private async Task RunAsync()
    {
        _errors.Clear();
        if (!BacktestInputs.TryParseParameters(BacktestInputs.SplitItems(_parameters), out var parameters, out var paramError))
        {
            _errors.Add($"Parameters: {paramError}");
            return;
        }
        if (AddSizing(parameters) is { } sizingError)
        {
            _errors.Add($"Parameters: {sizingError}");
            return;
        }
        var order = new BacktestOrder(
            Csv: [.. (_paths ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Series: [.. _uploads],
            Symbols: [.. _symbols],
            Strategy: _strategy,
            Params: parameters.ToDictionary(p => p.Key, p => System.Text.Json.JsonSerializer.SerializeToElement(p.Value), StringComparer.Ordinal),
            Commission: _commission, SlippageBps: _slippage, Cash: _cash, Llm: _llm,
            From: _from is { } f ? DateTime.SpecifyKind(f.Date, DateTimeKind.Utc) : null,
            To: _to is { } t ? DateTime.SpecifyKind(t.Date, DateTimeKind.Utc) : null);
        var (request, sources, errors) = await order.BuildCheckedAsync(Options.CurrentValue, Services.GetService<IBarCache>(), Services.GetService<Backtester>(), _cts.Token);
        if (request is null)
        {
            _errors.AddRange(errors.SelectMany(e => e.Value));
            return;
        }
        Show(await Runner.EnqueueAsync(request, sources, _cts.Token));
        await LoadRunsAsync();
    }

    /// <summary>Adds the sizing fields to the parameters; the message when the parameters set one of them too.</summary>
    private string? AddSizing(Dictionary<string, string> parameters)
    {
        (string Key, string Label, double Value)[] fields =
        [
            (BacktestParameters.PositionSizeKey, "Position size", _positionSizePct),
            (BacktestParameters.MaxPositionKey, "Max position", _maxPositionPct),
            (BacktestParameters.MaxExposureKey, "Max exposure", _maxExposurePct),
        ];
        foreach (var (key, label, value) in fields)
        {
            var twice = parameters.Keys.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)
                || (key == BacktestParameters.PositionSizeKey && k.Equals(BacktestParameters.PositionSizeAlias, StringComparison.OrdinalIgnoreCase)));
            if (twice is not null) return $"{twice} repeats the {label} field; set it in one place.";
            parameters[key] = value.ToString(CultureInfo.InvariantCulture);
        }
        return null;
    }

    /// <summary>Caches the simulated example history (first time only), runs the example and opens it.</summary>
    private async Task RunExampleAsync()
    {
        _errors.Clear();
        try
        {
            var (run, _) = await Services.GetRequiredService<ExampleBacktest>().StartAsync(_cts.Token);
            Show(run);
            await LoadRunsAsync();
            Navigation.NavigateTo($"backtests/{run.Id}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException && !_cts.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "The example backtest could not start");
            _errors.Add(ex.Message);
        }
    }

    private void Cancel()
    {
        if (_current is { } run) Runner.Cancel(run.Id);
    }

    private void OnRunChanged(BacktestRun run)
    {
        if (_cts.IsCancellationRequested) return;
        _ = InvokeAsync(async () =>
        {
            if (_current?.Id == run.Id)
            {
                // The final event carries the result; a progress event only the fraction.
                if (run.IsFinal) Show(await Runner.GetAsync(run.Id, _cts.Token) ?? run);
                else _current = run;
            }
            if (run.IsFinal || run.Status == BacktestStatus.Queued) await LoadRunsAsync();
            StateHasChanged();
        });
    }

    private void Show(BacktestRun run)
    {
        _current = run;
        if (run.Result is not { } result) return;
        _dates = BacktestJson.IsDateOnly(result);
        // Long curves are downsampled for display (extremes, gap ends and every trade's point kept), never cut.
        var tradeTimes = result.Trades.Select(t => t.Date).ToHashSet();
        _equity = ChartDownsampling.Of(BacktestCharts.Points(result.Equity), keep: tradeTimes);
        _benchmark = ChartDownsampling.Of(BacktestCharts.Points(result.BenchmarkEquity));
        _drawdown = ChartDownsampling.Of(BacktestCharts.Drawdown(result.Equity), keep: tradeTimes);
        _breaks = _equity.Breaks.Union(_benchmark.Breaks).ToHashSet();
        var months = BacktestCharts.Monthly(result.Equity);
        var years = months.Select(m => m.Year).Distinct().OrderBy(y => y).ToList();
        var values = years.Select(y => Enumerable.Range(1, 12)
            .Select(m => months.FirstOrDefault(x => x.Year == y && x.Month == m) is { } cell ? (double?)cell.Percent : null).ToArray()).ToArray();
        _heatmap = ([.. years.Select(y => y.ToString(CultureInfo.InvariantCulture))], MonthNames, values);
    }

    private async Task LoadRunsAsync()
    {
        try
        {
            _runs = await Runner.ListAsync(50, _cts.Token);
        }
        catch (Exception ex) when (!_cts.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "Backtest runs could not be listed");
            _errors.Add(ex.Message);
        }
    }

    /// <summary>The run's own parameters (the sizing has its line above), cash, costs and model mode.</summary>
    private static string Describe(BacktestSettings s)
    {
        var own = s.Parameters.Where(p => !BacktestSizing.IsSizingKey(p.Key)).Select(p => $"{p.Key}={p.Value}").ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{(own.Count == 0 ? "" : string.Join(", ", own) + " · ")}cash {Format.Money(s.InitialCash)} · commission {s.Costs.CommissionPerShare}/share · slippage {s.Costs.SlippageBps} bps · model {s.Llm.ToString().ToLowerInvariant()}");
    }

    public void Dispose()
    {
        Runner.Changed -= OnRunChanged;
        _cts.Cancel();
        _cts.Dispose();
    }
}
