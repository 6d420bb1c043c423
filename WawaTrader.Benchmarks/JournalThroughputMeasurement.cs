using System.Diagnostics;
using System.Globalization;

namespace WawaTrader.Benchmarks;

/// <summary>
/// <see cref="JournalBenchmarks"/> as a plain loop that also reports the process's CPU time per decision: on a shared, loaded
/// machine the wall time says how busy the machine is, the CPU time what a decision costs. Run:
/// <c>dotnet run -c Release --project WawaTrader.Benchmarks -- journal-throughput [cycles=40]</c> (500 decisions a cycle, then
/// 500 one at a time).
/// </summary>
internal static class JournalThroughputMeasurement
{
    public const string Verb = "journal-throughput";

    public static async Task<int> RunAsync(string[] args)
    {
        var cycles = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        var bench = new JournalBenchmarks();
        bench.Setup();
        try
        {
            for (var i = 0; i < 3; i++) await bench.Batched(); // warm-up: JIT, pools, the first pages
            await bench.OneAtATime();
            Report("batched (500 at once)", cycles * 500, await MeasureAsync(async () => { for (var i = 0; i < cycles; i++) await bench.Batched(); }));
            Report("one at a time", 10 * 50, await MeasureAsync(async () => { for (var i = 0; i < 10; i++) await bench.OneAtATime(); }));
        }
        finally
        {
            bench.Cleanup();
        }
        return 0;
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> MeasureAsync(Func<Task> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await run();
        wall.Stop();
        process.Refresh();
        return (wall.Elapsed, process.TotalProcessorTime - cpu);
    }

    private static void Report(string what, int decisions, (TimeSpan Wall, TimeSpan Cpu) took) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {decisions} decisions, wall {took.Wall.TotalMicroseconds / decisions:0.0} µs each ({decisions / took.Wall.TotalSeconds:N0}/s), " +
            $"CPU {took.Cpu.TotalMicroseconds / decisions:0.0} µs each ({decisions / took.Cpu.TotalSeconds:N0} per CPU-second)"));
}
