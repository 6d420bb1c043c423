using BenchmarkDotNet.Running;
using WawaTrader.Benchmarks.Soak;

// `soak [--symbols 500] [--minutes 10]` runs the long-running load test (the app as its own process, the dashboard open in
// Chromium); anything else is BenchmarkDotNet's switcher.
if (args is ["soak", .. var soakArgs]) return await SoakRun.RunAsync(SoakOptions.Parse(soakArgs), Console.Out);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
