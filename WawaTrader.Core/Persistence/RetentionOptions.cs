using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Persistence;

/// <summary>How long the journal keeps what it does not need forever. Bound from the <c>Retention</c> section; null keeps
/// everything (the default). Decisions that led to an order are kept whatever their age: they are the audit of a trade.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Days to keep decisions without an order (Holds, refusals), counted from their wall time; null keeps all.</summary>
    [Range(1, 36_500)] public int? DecisionsDays { get; set; }

    /// <summary>Days to keep model interactions (prompt and raw answer) whose decision is kept; null keeps all.</summary>
    [Range(1, 36_500)] public int? InteractionsDays { get; set; }

    /// <summary>Rows deleted per statement: small, so a batch holds the write lock for milliseconds, never a whole cycle.</summary>
    [Range(10, 100_000)] public int BatchSize { get; set; } = 500;

    /// <summary>How often the pruner looks for expired rows.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")] public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}
