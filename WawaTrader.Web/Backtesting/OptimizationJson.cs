using System.Text.Json.Nodes;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Backtesting;

/// <summary>
/// The JSON shapes of an optimisation, shared by <c>optimize --json</c> and <c>GET /api/optimizations/{id}</c>: ranked
/// <c>runs</c> (<c>parameters</c>, <c>metrics</c> with the keys of <see cref="BacktestJson.Metrics"/>) and the walk-forward
/// (<c>trainBars</c>, <c>testBars</c>, <c>windows</c> of <c>trainFrom</c>, <c>trainTo</c>, <c>testFrom</c>, <c>testTo</c>,
/// <c>best</c>, <c>inSample</c>, <c>outOfSample</c>; the chained <c>outOfSample</c> metrics and <c>outOfSampleEquity</c>).
/// Dates as in <see cref="BacktestJson.Date"/>.
/// </summary>
public static class OptimizationJson
{
    public static JsonArray Runs(IEnumerable<OptimizationRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return new JsonArray([.. runs.Select(r => (JsonNode)new JsonObject
        {
            ["parameters"] = Parameters(r.Parameters),
            ["metrics"] = BacktestJson.Metrics(r.Metrics),
        })]);
    }

    public static JsonObject WalkForward(WalkForwardResult result, WalkForwardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(spec);
        var dateOnly = result.OutOfSampleEquity.All(p => p.Date.TimeOfDay == TimeSpan.Zero)
            && result.Windows.All(w => w.TrainFrom.TimeOfDay == TimeSpan.Zero && w.TrainTo.TimeOfDay == TimeSpan.Zero);
        return new JsonObject
        {
            ["trainBars"] = spec.TrainBars,
            ["testBars"] = spec.TestBars,
            ["windows"] = new JsonArray([.. result.Windows.Select(w => (JsonNode)new JsonObject
            {
                ["trainFrom"] = BacktestJson.Date(w.TrainFrom, dateOnly),
                ["trainTo"] = BacktestJson.Date(w.TrainTo, dateOnly),
                ["testFrom"] = BacktestJson.Date(w.TestFrom, dateOnly),
                ["testTo"] = BacktestJson.Date(w.TestTo, dateOnly),
                ["best"] = Parameters(w.Best),
                ["inSample"] = BacktestJson.Metrics(w.InSample),
                ["outOfSample"] = BacktestJson.Metrics(w.OutOfSample),
            })]),
            ["outOfSample"] = BacktestJson.Metrics(result.OutOfSample),
            ["outOfSampleEquity"] = new JsonArray([.. result.OutOfSampleEquity.Select(p => (JsonNode)new JsonObject
            {
                ["date"] = BacktestJson.Date(p.Date, dateOnly),
                ["value"] = p.Value,
            })]),
        };
    }

    /// <summary>The grid as <c>{ key: [values] }</c> in the order given.</summary>
    public static JsonObject Grid(IEnumerable<GridAxis> axes) =>
        new(axes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)new JsonArray([.. a.Values.Select(v => (JsonNode)JsonValue.Create(v))]))));

    private static JsonObject Parameters(IReadOnlyDictionary<string, string> parameters) =>
        new(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
