using BenchmarkDotNet.Running;
using WawaTrader.Benchmarks;

if (args.Length > 0 && args[0] == HoldBytesMeasurement.Verb) return await HoldBytesMeasurement.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == JournalThroughputMeasurement.Verb) return await JournalThroughputMeasurement.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
