using System.Diagnostics;
using System.Globalization;

namespace WawaTrader.Benchmarks.Soak;

/// <summary>
/// The soak: the app on the embedded defaults with <see cref="SoakOptions.Symbols"/> symbols at one bar a second, the dashboard
/// open in Chromium, for <see cref="SoakOptions.Minutes"/>. Every 5 s it reads the app's /metrics, its resident memory, the
/// database and log sizes, and the page's decision latencies. Reports cycle duration p50/p99 (the app's own histogram,
/// after the warm-up), memory at the end of the warm-up against the end, log and database growth per hour, and
/// decision-to-browser latency p50/p95. Returns 0 when every goal is met, 1 otherwise.
/// </summary>
public static class SoakRun
{
    private const string CycleHistogram = "wawatrader_cycle_duration";
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(SoakOptions options, TextWriter output)
    {
        output.WriteLine($"Soak: {options.Symbols} symbols, one bar and one cycle every {options.BarSeconds} s, {options.Minutes} min " +
            $"(warm-up {options.WarmupMinutes} min), the dashboard open in {BrowserProbe.ChromiumPath}.");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await using var app = AppProcess.Start(options);
        await app.WaitUntilTradingAsync(http, CancellationToken.None);
        output.WriteLine($"App {app.Id} trading at {app.BaseAddress} (folder {app.Folder}).");
        await using var browser = await BrowserProbe.OpenAsync(app.BaseAddress);

        var clock = Stopwatch.StartNew();
        var samples = new List<Sample>();
        var latencies = new List<double>();
        var lags = new List<double>();
        Sample? warm = null;
        var total = TimeSpan.FromMinutes(options.Minutes);
        var warmup = TimeSpan.FromMinutes(options.WarmupMinutes);
        while (clock.Elapsed < total)
        {
            await Task.Delay(SampleEvery);
            if (app.HasExited) throw new InvalidOperationException("The app exited during the soak.");
            var (pageLatencies, pageLags) = await browser.DrainAsync();
            var sample = await SampleAsync(app, http, clock.Elapsed);
            samples.Add(sample);
            if (warm is null && sample.At >= warmup) warm = sample;
            if (warm is not null)
            {
                latencies.AddRange(pageLatencies);
                lags.AddRange(pageLags);
            }
            if (samples.Count % 12 == 0)
                output.WriteLine($"  {sample.At.TotalMinutes:0.0} min: heap {Mb(sample.GcHeap)}, RSS {Mb(sample.WorkingSet)} (GC committed {Mb(sample.GcCommitted)}, SQLite {Mb(sample.Sqlite)}), database {Mb(sample.DatabaseBytes)}, " +
                    $"log {Mb(sample.LogBytes)}, {sample.Decisions:0} decisions");
        }
        var end = samples[^1];
        var (rows, elements) = await browser.CountAsync();
        return Report(options, output, warm!, end, samples, latencies, lags, rows, elements);
    }

    private static int Report(SoakOptions options, TextWriter output, Sample warm, Sample end, List<Sample> samples, List<double> latencies,
        List<double> lags, int rows, int elements)
    {
        var before = warm.Scrape.Buckets(CycleHistogram, "outcome=\"completed\"");
        var after = end.Scrape.Buckets(CycleHistogram, "outcome=\"completed\"");
        var cycles = after.Count == 0 ? 0 : after.Values.Last() - (before.Count == 0 ? 0 : before.Values.Last());
        var failed = (end.Scrape.Sum(CycleHistogram, "_count", "outcome=\"failed\"") ?? 0) - (warm.Scrape.Sum(CycleHistogram, "_count", "outcome=\"failed\"") ?? 0);
        var p50 = MetricsScrape.Quantile(before, after, 0.50) * 1000;
        var p99 = MetricsScrape.Quantile(before, after, 0.99) * 1000;
        var hours = (end.At - warm.At).TotalHours;
        // Memory: the mean over a minute around the end of the warm-up against the mean over the last minute (one GC's timing
        // moves a single reading by megabytes).
        var atWarm = samples.Where(s => Math.Abs((s.At - warm.At).TotalSeconds) <= 30).ToList();
        var atEnd = samples.Where(s => (end.At - s.At).TotalSeconds <= 60).ToList();
        double Growth(Func<Sample, double> read) => (atEnd.Average(read) / atWarm.Average(read) - 1) * 100;
        var heapGrowth = Growth(s => s.GcHeap);
        var rssGrowth = Growth(s => s.WorkingSet);
        var decisions = end.Decisions - warm.Decisions;
        var allocatedPerCycle = cycles > 0 ? (end.Allocated - warm.Allocated) / cycles : double.NaN;
        const string journal = "wawatrader_journal_write_duration";
        var journalWrites = (end.Scrape.Sum(journal, "_count") ?? 0) - (warm.Scrape.Sum(journal, "_count") ?? 0);
        var journalSeconds = (end.Scrape.Sum(journal, "_sum") ?? 0) - (warm.Scrape.Sum(journal, "_sum") ?? 0);
        var lp50 = Percentile(latencies, 0.50);
        var lp95 = Percentile(latencies, 0.95);

        output.WriteLine();
        output.WriteLine($"After the {options.WarmupMinutes} min warm-up, over {(end.At - warm.At).TotalMinutes:0.0} min:");
        output.WriteLine($"  cycles: {cycles:0} completed, {failed:0} failed; duration p50 {p50:0.0} ms, p99 {p99:0.0} ms (histogram, interpolated); " +
            $"{Mb(allocatedPerCycle)} allocated per cycle");
        output.WriteLine($"  decisions: {decisions:0} ({decisions / Math.Max(cycles, 1):0} per cycle); journal writes {journalWrites / Math.Max(cycles, 1):0} per cycle, " +
            $"{journalSeconds * 1000 / Math.Max(cycles, 1):0.0} ms per cycle ({journalSeconds * 1e6 / Math.Max(journalWrites, 1):0} µs each)");
        output.WriteLine($"  memory: GC heap {Mb(atWarm.Average(s => s.GcHeap))} → {Mb(atEnd.Average(s => s.GcHeap))} ({heapGrowth:+0.0;-0.0}%), " +
            $"working set {Mb(atWarm.Average(s => s.WorkingSet))} → {Mb(atEnd.Average(s => s.WorkingSet))} ({rssGrowth:+0.0;-0.0}%); " +
            $"of it GC committed {Mb(atWarm.Average(s => s.GcCommitted))} → {Mb(atEnd.Average(s => s.GcCommitted))}, " +
            $"SQLite {Mb(atWarm.Average(s => s.Sqlite))} → {Mb(atEnd.Average(s => s.Sqlite))}");
        output.WriteLine($"  log: {Mb((end.LogBytes - warm.LogBytes) / hours)} per hour (file; console {Mb((end.ConsoleBytes - warm.ConsoleBytes) / hours)} per hour)");
        output.WriteLine($"  database: {Mb((end.DatabaseBytes - warm.DatabaseBytes) / hours)} per hour " +
            $"({(decisions > 0 ? (end.DatabaseBytes - warm.DatabaseBytes) / decisions : double.NaN):0} bytes per decision; {Mb(end.DatabaseBytes)} at the end)");
        output.WriteLine($"  decision to browser: p50 {lp50:0} ms, p95 {lp95:0} ms, max {(latencies.Count > 0 ? latencies.Max() : double.NaN):0} ms over {latencies.Count} rows");
        output.WriteLine($"  page: {rows} decision rows, {elements} elements in the DOM; a 100 ms timer late by p95 {Percentile(lags, 0.95):0} ms, max {(lags.Count > 0 ? lags.Max() : double.NaN):0} ms");

        var goals = new (string Goal, bool Met)[]
        {
            ("cycle p99 < 50 ms", p99 < 50),
            ($"memory growth < 5% (GC heap {heapGrowth:+0.0;-0.0}%, working set {rssGrowth:+0.0;-0.0}%)", heapGrowth < 5 && rssGrowth < 5),
            ("decision-to-browser p95 < 1 s", lp95 < 1000),
            ("page renders only the latest rows (≤ 50)", rows is > 0 and <= 50),
            ("no failed cycle", failed == 0),
        };
        foreach (var (goal, met) in goals) output.WriteLine($"  [{(met ? "met" : "MISSED")}] {goal}");
        return goals.All(g => g.Met) ? 0 : 1;
    }

    private static async Task<Sample> SampleAsync(AppProcess app, HttpClient http, TimeSpan at)
    {
        var scrape = MetricsScrape.Parse(await http.GetStringAsync(new Uri(app.BaseAddress, "metrics")));
        return new Sample(at, scrape,
            scrape.Sum("dotnet_gc_last_collection_heap_size") ?? double.NaN,
            app.WorkingSet(),
            scrape.Sum("dotnet_gc_heap_total_allocated") ?? double.NaN,
            scrape.Sum("wawatrader_decisions", "_total") ?? 0,
            app.DatabaseBytes(), app.LogBytes(), app.ConsoleBytes,
            scrape.Sum("dotnet_gc_last_collection_memory_committed_size") ?? double.NaN,
            scrape.Sum("wawatrader_sqlite_memory") ?? double.NaN);
    }

    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Mb(double bytes) => double.IsNaN(bytes) ? "n/a" : (bytes / (1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " MB";

    private sealed record Sample(TimeSpan At, MetricsScrape Scrape, double GcHeap, double WorkingSet, double Allocated, double Decisions,
        long DatabaseBytes, long LogBytes, long ConsoleBytes, double GcCommitted, double Sqlite);
}
