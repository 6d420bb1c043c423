using BenchmarkDotNet.Running;
using WawaTrader.Benchmarks;
using WawaTrader.Benchmarks.Soak;

// `soak [--symbols 500] [--minutes 10]` runs the long-running load test (the app as its own process, the dashboard open in
// Chromium); `hold-bytes` and `journal-throughput` measure the journal; anything else is BenchmarkDotNet's switcher.
if (args is ["soak", .. var soakArgs]) return await SoakRun.RunAsync(SoakOptions.Parse(soakArgs), Console.Out);
if (args.Length > 0 && args[0] == HoldBytesMeasurement.Verb) return await HoldBytesMeasurement.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == JournalThroughputMeasurement.Verb) return await JournalThroughputMeasurement.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
