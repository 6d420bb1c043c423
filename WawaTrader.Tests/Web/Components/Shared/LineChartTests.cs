using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor.Services;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Tests.Web.Components.Shared;

public sealed class LineChartTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 15, 30, 0, DateTimeKind.Utc);

    private static double EpochMs(DateTime utc) => (utc - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>A context in strict mode: every interop call the chart makes must be one the test expects.</summary>
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Strict;
        ctx.JSInterop.Setup<string?>("wawaCharts.create", _ => true).SetResult("chart-1");
        return ctx;
    }

    private static IRenderedComponent<LineChart> Render(BunitContext ctx, params ChartPoint[] points) =>
        ctx.Render<LineChart>(p => p.Add(x => x.Points, points).Add(x => x.SeriesName, "Equity"));

    [Fact]
    public async Task Creates_the_chart_in_the_browser_with_the_given_points()
    {
        await using var ctx = NewContext();

        var cut = Render(ctx, new ChartPoint(T0, 100_000m), new ChartPoint(T0.AddMinutes(1), 100_250.5m));

        var invocation = ctx.JSInterop.VerifyInvoke("wawaCharts.create");
        var config = JsonSerializer.SerializeToElement(invocation.Arguments[1], JsonSerializerOptions.Web);
        Assert.Equal("Equity", config.GetProperty("name").GetString());
        var data = config.GetProperty("data").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        Assert.Equal([(EpochMs(T0), 100_000d), (EpochMs(T0.AddMinutes(1)), 100_250.5d)], data);
        Assert.Equal("chart-1", cut.Instance.ChartId);
    }

    [Fact]
    public async Task Appending_sends_only_the_new_point()
    {
        await using var ctx = NewContext();
        var append = ctx.JSInterop.SetupVoid("wawaCharts.appendPoint", _ => true);
        append.SetVoidResult();
        var cut = Render(ctx, new ChartPoint(T0, 100_000m));

        await cut.InvokeAsync(() => cut.Instance.AppendAsync(new ChartPoint(T0.AddMinutes(1), 99_876.25m)));

        var call = Assert.Single(append.Invocations);
        Assert.Equal(["chart-1", 0, EpochMs(T0.AddMinutes(1)), 99_876.25d], call.Arguments);
        Assert.Single(ctx.JSInterop.Invocations["wawaCharts.create"]);
    }

    [Fact]
    public async Task Disposing_destroys_the_chart()
    {
        await using var ctx = NewContext();
        var destroy = ctx.JSInterop.SetupVoid("wawaCharts.destroy", _ => true);
        destroy.SetVoidResult();
        Render(ctx);

        await ctx.DisposeComponentsAsync();

        Assert.Equal("chart-1", Assert.Single(destroy.Invocations).Arguments[0]);
    }

    [Fact]
    public async Task Disposing_after_the_circuit_is_gone_does_not_throw()
    {
        await using var ctx = NewContext();
        var destroy = ctx.JSInterop.SetupVoid("wawaCharts.destroy", _ => true);
        destroy.SetException(new JSDisconnectedException("The circuit is gone."));
        Render(ctx);

        var exception = await Record.ExceptionAsync(() => ctx.DisposeComponentsAsync());

        Assert.Null(exception);
        Assert.Single(destroy.Invocations);
    }
}
