namespace WawaTrader.Core.Alerts;

/// <summary>What an alert is about; the subject starts with its <see cref="AlertTypes.Title"/>.</summary>
public enum AlertType
{
    Trade,
    OrderRejected,
    DailyLossLimit,
    PnlChange,
    AgentHalted,
    AgentResumed,
    ModelOffline,
    ModelRecovered,
    BrokerOffline,
    BrokerRecovered,
    DatabaseFailure,
    DailySummary,
    Test,
}

/// <summary>How urgent an alert is (the Slack header's marker and the e-mail's colour).</summary>
public enum AlertSeverity { Info, Warning, Critical }

/// <summary>One labelled value of an alert (Slack section field, e-mail table row).</summary>
public sealed record AlertField(string Name, string Value);

/// <summary>
/// One alert as the sources raise it. <see cref="Summary"/> is the subject's text after the type's title ("BUY 12 NVDA @ 131.20");
/// <see cref="Body"/> one or two plain sentences; <see cref="DecisionId"/> links to the decision's page when <c>Alerts:BaseUrl</c> is set.
/// <see cref="ConditionKey"/> names the condition for deduplication (the same key alerts once per <c>Alerts:DedupMinutes</c>);
/// null means never a duplicate. <see cref="Time"/> is wall time (UTC).
/// </summary>
public sealed record Alert(
    AlertType Type,
    AlertSeverity Severity,
    string Summary,
    string Body,
    IReadOnlyList<AlertField> Fields,
    DateTime Time,
    Guid? DecisionId = null,
    string? ConditionKey = null)
{
    /// <summary>The subject line: <c>[WawaTrader] Trade: BUY 12 NVDA @ 131.20</c>.</summary>
    public string Subject => $"[WawaTrader] {AlertTypes.Title(Type)}: {Summary}";
}

/// <summary>Display names of <see cref="AlertType"/>.</summary>
public static class AlertTypes
{
    public static string Title(AlertType type) => type switch
    {
        AlertType.Trade => "Trade",
        AlertType.OrderRejected => "Order rejected",
        AlertType.DailyLossLimit => "Daily loss limit",
        AlertType.PnlChange => "P&L change",
        AlertType.AgentHalted => "Agent halted",
        AlertType.AgentResumed => "Agent resumed",
        AlertType.ModelOffline => "Model offline",
        AlertType.ModelRecovered => "Model back",
        AlertType.BrokerOffline => "Broker offline",
        AlertType.BrokerRecovered => "Broker back",
        AlertType.DatabaseFailure => "Database write failed",
        AlertType.DailySummary => "Daily summary",
        AlertType.Test => "Test",
        _ => type.ToString(),
    };

    /// <summary>Parses a routing list (<c>Alerts:EmailTypes</c>): <c>*</c> (or empty) for every type, else comma-separated names
    /// (case-insensitive). Returns null when a name is not a type, with it in <paramref name="unknown"/>.</summary>
    public static IReadOnlySet<AlertType>? ParseRoute(string? list, out string? unknown)
    {
        unknown = null;
        var names = (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0 || names is ["*"]) return Enum.GetValues<AlertType>().ToHashSet();
        var types = new HashSet<AlertType>();
        foreach (var name in names)
        {
            if (!Enum.TryParse<AlertType>(name, ignoreCase: true, out var type) || int.TryParse(name, out _))
            {
                unknown = name;
                return null;
            }
            types.Add(type);
        }
        types.Add(AlertType.Test); // a test alert always goes to the channel it tests
        return types;
    }
}
