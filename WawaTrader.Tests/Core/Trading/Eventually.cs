using System.Diagnostics;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>
/// Waits for an effect of a background loop, polling with a generous bound. The bound only turns a hang into a clear
/// failure; no test asserts how long anything took.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Bound) Assert.Fail($"Gave up waiting for {what}.");
            await Task.Delay(5);
        }
    }

    /// <summary>Lets the background loop handle what was just done (e.g. a timer tick) before a test checks that nothing
    /// happened. A correct loop passes however long this is; it only gives a wrong one the chance to show itself.</summary>
    public static Task SettleAsync() => Task.Delay(50);
}
