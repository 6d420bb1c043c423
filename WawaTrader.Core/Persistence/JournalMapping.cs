using System.Globalization;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// Converts between the journal's records and its rows. Pure; no database access. The technical view is stored as its
/// action, confidence and reasoning (its symbol is the decision's, its source <see cref="DecisionSource.Technical"/>).
/// <para>Compact storage (rows read back exactly as written): the reasoning, the technical reasoning, the risk checks (their
/// compact JSON) and a model interaction's endpoint and error go through <see cref="PhraseCodec"/>; a technical reasoning found inside the decision's reasoning is stored as
/// a reference to it (<see cref="PartOfReasoning"/>); the indicator snapshot is stored in <c>indicators</c>
/// (<see cref="CompactIndicatorBytes"/>). Rows written before (plain text, JSON in <c>indicators_json</c>) read as they are.</para>
/// </summary>
internal static class JournalMapping
{
    public static DecisionEntity ToEntity(DecisionRecord decision)
    {
        if (decision.Interaction is { } interaction && interaction.DecisionId != decision.Id)
        {
            throw new InvalidOperationException(
                $"Model interaction {interaction.Id} belongs to decision {interaction.DecisionId}, not {decision.Id}.");
        }
        var row = ToDecisionRow(decision);
        row.TechnicalAction = decision.Technical?.Action;
        row.TechnicalConfidence = decision.Technical?.Confidence;
        row.TechnicalReasoning = StoredTechnicalReasoning(decision.Reasoning, decision.Technical?.Reasoning);
        row.Feed = decision.Feed;
        row.LimitPrice = decision.LimitPrice;
        row.Interaction = decision.Interaction is null ? null : ToEntity(decision.Interaction);
        return row;
    }

    private static DecisionEntity ToDecisionRow(DecisionRecord decision) => new()
    {
        Id = decision.Id,
        Time = decision.Time,
        BarTime = decision.BarTime,
        Symbol = decision.Symbol,
        Action = decision.Action,
        Confidence = decision.Confidence,
        Source = decision.Source,
        Approved = decision.Approved,
        Reasoning = PhraseCodec.Encode(decision.Reasoning),
        Indicators = CompactIndicatorBytes.Serialize(decision.Indicators, decision.BarTime),
        RiskChecksJson = PhraseCodec.Encode(CompactJournalJson.Serialize(decision.RiskChecks, decision.Symbol)),
        Order = decision.Order is null ? null : ToEntity(decision.Order),
    };

    public static OrderEntity ToEntity(OrderRecord order) => new()
    {
        ClientOrderId = order.ClientOrderId,
        DecisionId = order.DecisionId,
        Symbol = order.Symbol,
        Side = order.Side,
        Quantity = order.Quantity,
        Status = order.Status,
        SubmittedAt = order.SubmittedAt,
        BarTime = order.BarTime,
        BrokerOrderId = order.BrokerOrderId,
        RejectReason = order.RejectReason,
        OrderType = order.Type,
        LimitPrice = order.LimitPrice,
        Fills = order.Fills.Select(f => ToEntity(order.ClientOrderId, f)).ToList(),
    };

    public static FillEntity ToEntity(string clientOrderId, Fill fill) => new()
    {
        ClientOrderId = clientOrderId,
        Time = fill.Time,
        Quantity = fill.Quantity,
        Price = fill.Price,
        Commission = fill.Commission,
    };

    public static PerformanceSnapshotEntity ToEntity(PerformanceSnapshot snapshot) => new()
    {
        Time = snapshot.Time,
        MarketTime = snapshot.MarketTime,
        Cash = snapshot.Cash,
        Equity = snapshot.Equity,
        Exposure = snapshot.Exposure,
        DayPnl = snapshot.DayPnl,
    };

    public static LlmInteractionEntity ToEntity(LlmInteraction interaction) => new()
    {
        Id = interaction.Id,
        DecisionId = interaction.DecisionId,
        Time = interaction.Time,
        Symbol = interaction.Symbol,
        BarTime = interaction.BarTime,
        Close = interaction.Close,
        Model = interaction.Model,
        Endpoint = PhraseCodec.Encode(RedactEndpoint(interaction.Endpoint)),
        PromptVersion = interaction.PromptVersion,
        Prompt = interaction.Prompt,
        RawResponse = interaction.RawResponse,
        ParsedAction = interaction.Parsed?.Action,
        ParsedConfidence = interaction.Parsed?.Confidence,
        ParsedReasoning = interaction.Parsed?.Reasoning,
        ParsedLimitPrice = interaction.Parsed?.LimitPrice,
        Error = PhraseCodec.Encode(interaction.Error),
        LatencyMs = interaction.LatencyMs,
        PromptTokens = interaction.PromptTokens,
        CompletionTokens = interaction.CompletionTokens,
        Outcome = interaction.Outcome,
    };

    public static LlmInteraction ToRecord(LlmInteractionEntity row) => new(
        row.Id,
        row.DecisionId,
        row.Time,
        row.Symbol,
        row.BarTime,
        row.Close,
        row.Model,
        PhraseCodec.Decode(row.Endpoint),
        row.PromptVersion,
        row.Prompt,
        row.RawResponse,
        row.ParsedAction is { } action
            ? new LlmVerdict(action, row.ParsedConfidence ?? 0, row.ParsedReasoning ?? "") { LimitPrice = row.ParsedLimitPrice }
            : null,
        PhraseCodec.Decode(row.Error),
        row.LatencyMs,
        row.PromptTokens,
        row.CompletionTokens,
        row.Outcome);

    /// <summary>
    /// The endpoint as it may be stored and shown: a URL's user info (<c>user:key@</c>), query and fragment are removed,
    /// since a key can hide there. Anything else is kept exactly.
    /// </summary>
    public static string RedactEndpoint(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)) return endpoint;
        if (uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0) return endpoint;
        return new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.GetLeftPart(UriPartial.Path);
    }

    public static DecisionRecord ToRecord(DecisionEntity row)
    {
        var decision = ToDecisionRecord(row);
        return decision with
        {
            Technical = row.TechnicalAction is { } action
                ? new Proposal(row.Symbol, action, row.TechnicalConfidence ?? 0, TechnicalReasoning(decision.Reasoning, row.TechnicalReasoning) ?? "",
                    DecisionSource.Technical)
                : null,
            Interaction = row.Interaction is null ? null : ToRecord(row.Interaction),
            Feed = row.Feed,
            LimitPrice = row.LimitPrice,
            Agent = row.Agent,
        };
    }

    /// <summary>The indicator snapshot of a row: the binary form when the row has it, else the JSON of rows written before.</summary>
    public static IndicatorSnapshot Indicators(byte[]? indicators, string? indicatorsJson, DateTime barTime) =>
        indicators is not null ? CompactIndicatorBytes.Deserialize(indicators, barTime)
        : CompactJournalJson.DeserializeIndicators(indicatorsJson ?? throw new InvalidOperationException("A decision row holds no indicator snapshot."));

    /// <summary>Starts a technical reasoning stored as a part of the decision's reasoning: <c>U+0002 start:length</c> (in the
    /// decoded reasoning's characters). No plain text the application writes starts with a control character.</summary>
    internal const char PartOfReasoning = '\u0002';

    /// <summary>How the technical reasoning is stored: null stays null; found in the decision's reasoning, a reference to it;
    /// otherwise encoded.</summary>
    private static string? StoredTechnicalReasoning(string reasoning, string? technical)
    {
        if (technical is null) return null;
        var start = technical.Length == 0 ? -1 : reasoning.IndexOf(technical, StringComparison.Ordinal);
        return start < 0 ? PhraseCodec.Encode(technical)
            : string.Create(CultureInfo.InvariantCulture, $"{PartOfReasoning}{start}:{technical.Length}");
    }

    private static string? TechnicalReasoning(string reasoning, string? stored)
    {
        if (stored is not { Length: > 0 } || stored[0] != PartOfReasoning) return PhraseCodec.Decode(stored);
        var separator = stored.IndexOf(':', StringComparison.Ordinal);
        if (separator > 1
            && int.TryParse(stored.AsSpan(1, separator - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(stored.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            && start + (long)length <= reasoning.Length)
        {
            return reasoning.Substring(start, length);
        }
        throw new InvalidOperationException("The stored technical reasoning cannot be read: its reference to the reasoning is malformed.");
    }

    private static DecisionRecord ToDecisionRecord(DecisionEntity row) => new(
        row.Id,
        row.Time,
        row.BarTime,
        row.Symbol,
        row.Action,
        row.Confidence,
        row.Source,
        row.Approved,
        PhraseCodec.Decode(row.Reasoning),
        Indicators(row.Indicators, row.IndicatorsJson, row.BarTime),
        CompactJournalJson.DeserializeRiskChecks(PhraseCodec.Decode(row.RiskChecksJson), row.Symbol),
        row.Order is null ? null : ToRecord(row.Order));

    public static OrderRecord ToRecord(OrderEntity row) => new(
        row.ClientOrderId,
        row.DecisionId,
        row.Symbol,
        row.Side,
        row.Quantity,
        row.Status,
        row.SubmittedAt,
        row.BarTime,
        row.BrokerOrderId,
        row.Fills.OrderBy(f => f.Id).Select(ToRecord).ToList(),
        row.RejectReason)
    {
        Type = row.OrderType ?? OrderType.Market,
        LimitPrice = row.LimitPrice,
        Agent = row.Agent,
    };

    public static Fill ToRecord(FillEntity row) => new(row.Time, row.Quantity, row.Price, row.Commission);

    public static PerformanceSnapshot ToRecord(PerformanceSnapshotEntity row) =>
        new(row.Time, row.MarketTime, row.Cash, row.Equity, row.Exposure, row.DayPnl);
}
