using Microsoft.JSInterop;

namespace WawaTrader.Web.Components.Shared;

/// <summary>Helpers shared by the chart components that call <c>wwwroot/js/charts.js</c>.</summary>
internal static class ChartInterop
{
    /// <summary>Milliseconds since the Unix epoch of a UTC time: the x value ApexCharts' datetime axis reads.</summary>
    public static double ToEpochMs(DateTime utc) => (DateTime.SpecifyKind(utc, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>A finite value, or null (JSON has no NaN; ApexCharts leaves a gap at null).</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>Runs one interop call; a circuit that has gone away (tab closed) is expected and not an error.</summary>
    public static async Task CallAsync(ILogger logger, Func<ValueTask> call)
    {
        try { await call(); }
        catch (JSDisconnectedException) { }
        catch (TaskCanceledException) { }
        catch (JSException ex) { logger.LogWarning(ex, "Chart interop failed"); }
    }

    public static async Task<T?> CallAsync<T>(ILogger logger, Func<ValueTask<T?>> call)
    {
        try { return await call(); }
        catch (JSDisconnectedException) { return default; }
        catch (TaskCanceledException) { return default; }
        catch (JSException ex) { logger.LogWarning(ex, "Chart interop failed"); return default; }
    }
}
