using WawaTrader.Core.Backtesting;
using WawaTrader.Tests.Builders;
using WawaTrader.Web.Components.Backtests;

namespace WawaTrader.Tests.Web.Components.Backtests;

public sealed class OptimizationHeatmapTests
{
    /// <summary>A run of the given parameters (<c>key=value</c>) with this total return and max drawdown.</summary>
    private static OptimizationRun Run(double totalReturn, double maxDrawdown, params string[] parameters) =>
        new(parameters.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]), BacktestResults.Metrics(totalReturn, maxDrawdown, 2));

    [Fact]
    public void Two_parameters_put_x_across_and_y_down_with_one_run_per_cell()
    {
        OptimizationRun[] runs =
        [
            Run(0.10, 0.05, "fast=5", "slow=30"), Run(0.20, 0.04, "fast=5", "slow=50"),
            Run(-0.05, 0.09, "fast=10", "slow=30"), Run(0.15, 0.03, "fast=10", "slow=50"),
        ];

        var map = OptimizationHeatmap.Build(runs, "fast", "slow", "totalReturn");

        Assert.Equal(["5", "10"], map.Columns);
        Assert.Equal(["30", "50"], map.Rows);
        Assert.Equal([0.10, -0.05], map.Values[0]);
        Assert.Equal([0.20, 0.15], map.Values[1]);
    }

    [Fact]
    public void With_a_third_parameter_a_cell_holds_the_best_value_over_it()
    {
        OptimizationRun[] runs =
        [
            Run(0.10, 0.05, "fast=5", "slow=30", "size=10"), Run(0.30, 0.12, "fast=5", "slow=30", "size=20"),
            Run(0.02, 0.02, "fast=10", "slow=30", "size=10"), Run(-0.01, 0.07, "fast=10", "slow=30", "size=20"),
        ];

        var returns = OptimizationHeatmap.Build(runs, "fast", "slow", "totalReturn");
        var drawdowns = OptimizationHeatmap.Build(runs, "fast", "slow", "maxDrawdown");

        // Highest return per (fast, slow): max(0.10, 0.30) and max(0.02, -0.01).
        Assert.Equal([0.30, 0.02], returns.Values[0]);
        // Drawdown: lower is better, so min(0.05, 0.12) and min(0.02, 0.07).
        Assert.Equal([0.05, 0.02], drawdowns.Values[0]);
    }

    [Fact]
    public void A_combination_no_run_reaches_is_an_empty_cell_and_undefined_metrics_are_skipped()
    {
        OptimizationRun[] runs =
        [
            Run(0.10, 0.05, "fast=5", "slow=30"),
            Run(0.40, 0.05, "fast=10", "slow=30") with { Metrics = BacktestResults.Metrics(0.40, 0.05, 2) with { Sharpe = null } },
            Run(0.20, 0.05, "fast=10", "slow=30", "size=5") with { Metrics = BacktestResults.Metrics(0.20, 0.05, 2) with { Sharpe = double.NaN } },
            Run(0.30, 0.05, "fast=10", "slow=30", "size=9") with { Metrics = BacktestResults.Metrics(0.30, 0.05, 2) with { Sharpe = 0.8 } },
            Run(0.50, 0.05, "slow=50"),
        ];

        var map = OptimizationHeatmap.Build(runs, "fast", "slow", "sharpe", xValues: ["5", "10", "20"], yValues: ["30", "50"]);

        Assert.Equal([1.37, 0.8, null], map.Values[0]);
        Assert.Equal([null, null, null], map.Values[1]);
    }

    [Fact]
    public void Axis_values_sort_numerically_unless_given_and_keys_match_any_case()
    {
        OptimizationRun[] runs = [Run(0.1, 0.1, "Fast=20", "slow=100"), Run(0.2, 0.1, "Fast=5", "slow=30"), Run(0.3, 0.1, "Fast=10", "slow=30")];

        var sorted = OptimizationHeatmap.Build(runs, "fast", "slow", "totalReturn");
        var given = OptimizationHeatmap.Build(runs, "fast", "slow", "totalReturn", xValues: ["20", "10", "5"]);

        Assert.Equal(["5", "10", "20"], sorted.Columns);
        Assert.Equal(["30", "100"], sorted.Rows);
        Assert.Equal([0.2, 0.3, null], sorted.Values[0]);
        Assert.Equal([null, 0.3, 0.2], given.Values[0]);
    }

    [Fact]
    public void Scaling_turns_fractions_into_percent_and_keeps_empty_cells()
    {
        var map = new HeatmapMatrix(["a"], ["x", "y"], [[0.125, null]]);

        Assert.Equal([12.5, null], map.Scaled(100).Values[0]);
    }

    [Fact]
    public void The_same_parameter_on_both_axes_is_refused() =>
        Assert.Throws<ArgumentException>(() => OptimizationHeatmap.Build([], "fast", "Fast", "sharpe"));
}
