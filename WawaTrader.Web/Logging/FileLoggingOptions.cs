using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Web.Logging;

/// <summary>An optional log file beside the console (section <c>Logging:File</c>): off unless <see cref="Path"/> is set. The file
/// rolls once a line takes it past <see cref="MaxBytes"/>, and at midnight (local time); rolled files older than <see cref="RetainDays"/> days,
/// or beyond the newest <see cref="MaxFiles"/>, are deleted. What reaches it follows the same <c>Logging:LogLevel</c> filters.</summary>
public sealed class FileLoggingOptions
{
    public const string SectionName = "Logging:File";

    /// <summary>The log file, e.g. <c>data/logs/wawatrader.log</c> (rolled files get a date and number before the extension).</summary>
    public string? Path { get; set; }

    /// <summary>Largest size of one file, in bytes (default 10 MiB).</summary>
    [Range(1_024, 10_737_418_240)] public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Days a rolled file is kept (default 14).</summary>
    [Range(1, 3_650)] public int RetainDays { get; set; } = 14;

    /// <summary>Most files kept, the current one included (default 31).</summary>
    [Range(1, 10_000)] public int MaxFiles { get; set; } = 31;
}
