using BenchmarkDotNet.Attributes;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;

namespace WawaTrader.Benchmarks;

/// <summary>
/// The cost of the journal's compact forms on the write and read paths: one decision as the live agent records it (technical
/// reasoning, five risk checks, a failed model call) mapped to its row (phrase codec, risk reason templates, binary snapshot) and
/// back. Run: <c>dotnet run -c Release --project WawaTrader.Benchmarks -- --filter '*JournalMappingBenchmarks*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class JournalMappingBenchmarks
{
    private DecisionRecord _decision = null!;
    private DecisionEntity _row = null!;

    [GlobalSetup]
    public void Setup()
    {
        var template = JournalBenchmarks.Template();
        var id = Guid.CreateVersion7();
        _decision = template with { Id = id, Interaction = template.Interaction! with { Id = Guid.CreateVersion7(), DecisionId = id } };
        _row = JournalMapping.ToEntity(_decision);
    }

    [Benchmark]
    public object ToRow() => JournalMapping.ToEntity(_decision);

    [Benchmark]
    public object FromRow() => JournalMapping.ToRecord(_row);
}
