using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Core.Risk;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// The hybrid analyst: the <see cref="TechnicalAnalyst"/> always runs first; the model is asked per <see cref="LlmOptions.AskWhen"/>
/// and its answer combined per <see cref="LlmOptions.Combination"/> (<see cref="LlmVerdicts.Combine"/>) — it never trades alone.
/// <para>Budget: the whole call — waiting for one of <see cref="LlmOptions.MaxConcurrency"/> slots, the request and its
/// retries — is cancelled after <see cref="LlmOptions.TimeoutSeconds"/>, so a tick never waits longer for the model.</para>
/// <para>Any failure (timeout, refused connection, HTTP error, open circuit) or unreadable answer leaves the technical view
/// standing alone with <see cref="DecisionSource.Fallback"/> and a reasoning that says why; never a silent Hold.
/// Every call yields an <see cref="LlmInteraction"/> on <see cref="Proposal.Interaction"/>, the technical view is on
/// <see cref="Proposal.Technical"/>, and <see cref="LlmHealth"/> is updated. Options are read on every call.</para>
/// </summary>
public sealed class LlmAnalyst : IAnalyst
{
    private readonly TechnicalAnalyst _technical;
    private readonly LlmClient _client;
    private readonly LlmHealth _health;
    private readonly IOptionsMonitor<LlmOptions> _options;
    private readonly IOptionsMonitor<RiskOptions> _risk;
    private readonly TimeProvider _time;
    private readonly ILogger<LlmAnalyst> _logger;
    private readonly Lock _slotsGate = new();
    private (SemaphoreSlim Semaphore, int Size) _slots;
    // A server that is down is logged once, then summarised per minute, then once when it answers: not per symbol and tick
    // (each decision still says why in its reasoning and interaction).
    private readonly OutageTracker _outage;
    private readonly TradingMetrics? _metrics; // model calls by outcome and their latency; none in a backtest
    // The error of the last failed call while no call has succeeded since: a failure with the same error is stored without its
    // prompt (LlmInteraction.PromptKept).
    private string? _lastFailure;
    // The endpoint whose breaker refused the last call, while no call has been answered since: while LlmHealth says the breaker
    // is open, and after the break while one call probes it, other calls to it are refused at once (LlmFailure.CircuitOpen), as the
    // pipeline would.
    private string? _openCircuitEndpoint;
    private int _probing; // 1 while the one call let through after the break (the breaker's probe) is out

    public LlmAnalyst(TechnicalAnalyst technical, LlmClient client, LlmHealth health, IOptionsMonitor<LlmOptions> options,
        IOptionsMonitor<RiskOptions> risk, TimeProvider time, ILogger<LlmAnalyst> logger, TradingMetrics? metrics = null)
    {
        _technical = technical;
        _client = client;
        _health = health;
        _options = options;
        _risk = risk;
        _time = time;
        _logger = logger;
        _outage = new OutageTracker(time);
        _metrics = metrics;
        var size = options.CurrentValue.MaxConcurrency;
        _slots = (new SemaphoreSlim(size, size), size);
    }

    /// <summary>Whether the model is asked about a technical view under <paramref name="askWhen"/>.</summary>
    public static bool ShouldAsk(LlmAskWhen askWhen, Proposal technical) => askWhen switch
    {
        LlmAskWhen.Always => true,
        LlmAskWhen.Signal => technical.Action != TradeAction.Hold,
        _ => false,
    };

    public async Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var technical = await _technical.AnalyzeAsync(context, cancellationToken);
        var o = _options.CurrentValue;
        if (!o.Enabled || !ShouldAsk(o.AskWhen, technical)) return technical;

        var template = string.IsNullOrWhiteSpace(o.PromptTemplate) ? PromptTemplates.Default : o.PromptTemplate;
        var probe = false;
        if (string.Equals(Volatile.Read(ref _openCircuitEndpoint), o.Endpoint, StringComparison.Ordinal))
        {
            // The breaker refuses this server: during its break every call, after it one call at a time (the probe the pipeline lets
            // through; it refuses the others while the probe is out). Those are refused here as the pipeline would refuse them, without
            // the request, the prompt (unless this failure is the first of its run and keeps it) or an exception.
            probe = !_health.IsCircuitOpen && Interlocked.CompareExchange(ref _probing, 1, 0) == 0;
            if (!probe) return Failed(context, technical, o, template, _time.GetTimestamp(), LlmFailure.CircuitOpen, null);
        }
        var prompt = PromptBuilder.Build(template, context, technical, _risk.CurrentValue);
        var record = Interaction(context, o, template, prompt);

        var started = _time.GetTimestamp();
        using var budget = new CancellationTokenSource(o.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        LlmCompletion completion;
        try
        {
            completion = await AskAsync(prompt, o, linked.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = LlmFailure.Classify(ex, o.Timeout, budget.IsCancellationRequested);
            // The breaker of this server is open (its break ends when LlmHealth says): the next calls are refused before they start.
            if (failure.Kind == LlmFailureKind.CircuitOpen) Volatile.Write(ref _openCircuitEndpoint, o.Endpoint);
            return Failed(context, technical, o, template, started, failure, ex, record);
        }
        finally
        {
            if (probe) Volatile.Write(ref _probing, 0);
        }

        Volatile.Write(ref _lastFailure, null);
        Volatile.Write(ref _openCircuitEndpoint, null);
        if (_outage.Succeeded() is { Notice: OutageNotice.Recovered } recovered) Log.Recovered(_logger, recovered.Down, recovered.Failures);
        var elapsed = Elapsed(started);
        record = record with { RawResponse = completion.Content, LatencyMs = elapsed, PromptTokens = completion.PromptTokens, CompletionTokens = completion.CompletionTokens };
        var parsed = LlmAnswerParser.Parse(completion.Content);
        if (parsed.Verdict is not { } verdict)
        {
            var error = parsed.Error ?? "no verdict";
            Log.AnswerUnreadable(_logger, context.Symbol, error);
            _health.RecordParseFailure(elapsed, error);
            _metrics?.ModelCallCompleted(LlmOutcome.FellBack, _time.GetElapsedTime(started));
            return Fallback(technical, $"Model answer unreadable ({error})", record with { Error = error, Outcome = LlmOutcome.FellBack });
        }

        _health.RecordAnswer(elapsed);
        var combined = LlmVerdicts.Combine(o.Combination, technical, verdict);
        _metrics?.ModelCallCompleted(combined.Outcome, _time.GetElapsedTime(started));
        return combined.Proposal with { Technical = technical, Interaction = record with { Parsed = verdict, Outcome = combined.Outcome } };
    }

    /// <summary>A call that got no answer (<paramref name="exception"/> is null when the open circuit refused it before it
    /// started): counted in the outage (logged once, then per minute), in <see cref="LlmHealth"/> and the metrics; the technical
    /// view stands alone, with the interaction recorded (<paramref name="record"/>, or one made here with the prompt built only
    /// when it is kept: a failure that repeats the previous one is stored without it).</summary>
    private Proposal Failed(AnalysisContext context, Proposal technical, LlmOptions o, string template, long started, LlmFailure failure,
        Exception? exception, LlmInteraction? record = null)
    {
        var latency = Elapsed(started);
        // Expected failures are values with a reason; an unexpected one keeps its exception in the log.
        var outage = _outage.Failed(failure.Reason);
        if (outage.Notice == OutageNotice.WentDown)
            Log.CallFailed(_logger, failure.Kind == LlmFailureKind.Other ? exception : null, context.Symbol, failure.Reason);
        else if (outage.Notice == OutageNotice.StillDown)
            Log.StillFailing(_logger, outage.Failures, _outage.SummaryEvery, failure.Reason, outage.Down);
        _health.RecordFailure(latency, failure.Reason, failure.Kind == LlmFailureKind.Timeout, failure.Kind == LlmFailureKind.CircuitOpen);
        _metrics?.ModelCallCompleted(LlmOutcome.Failed, _time.GetElapsedTime(started), failure.Kind);
        var repeated = string.Equals(Interlocked.Exchange(ref _lastFailure, failure.Reason), failure.Reason, StringComparison.Ordinal);
        var prompt = repeated ? "" : record?.Prompt ?? PromptBuilder.Build(template, context, technical, _risk.CurrentValue);
        return Fallback(technical, $"Model unavailable ({failure.Reason})",
            (record ?? Interaction(context, o, template, prompt)) with { Prompt = prompt, Error = failure.Reason, LatencyMs = latency, Outcome = LlmOutcome.Failed });
    }

    /// <summary>The interaction of a call about to be made, as a failure until it is answered.</summary>
    private LlmInteraction Interaction(AnalysisContext context, LlmOptions o, string template, string prompt) =>
        new(Guid.CreateVersion7(_time.GetUtcNow()), context.DecisionId, _time.GetUtcNow().UtcDateTime,
            context.Symbol, context.Indicators.Time, context.Indicators.Close, o.Model, LlmEndpoint.Redact(o.Endpoint),
            PromptBuilder.Version(template), prompt, null, null, null, 0, null, null, LlmOutcome.Failed);

    /// <summary>Waits for a slot (within the budget) and asks the model.</summary>
    private async Task<LlmCompletion> AskAsync(string prompt, LlmOptions o, CancellationToken budget)
    {
        var slots = Slots(o.MaxConcurrency);
        await slots.WaitAsync(budget);
        try
        {
            return await _client.CompleteAsync(prompt, o, budget);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>The semaphore for the current <see cref="LlmOptions.MaxConcurrency"/>; a changed setting starts a new one
    /// (calls holding a slot of the old one release it there).</summary>
    private SemaphoreSlim Slots(int size)
    {
        lock (_slotsGate)
        {
            if (_slots.Size != size) _slots = (new SemaphoreSlim(size, size), size);
            return _slots.Semaphore;
        }
    }

    private static Proposal Fallback(Proposal technical, string why, LlmInteraction interaction) =>
        technical with
        {
            Source = DecisionSource.Fallback,
            Reasoning = $"{why}; technical view: {technical.Reasoning}",
            Technical = technical,
            Interaction = interaction,
        };

    private double Elapsed(long started) => Math.Round(_time.GetElapsedTime(started).TotalMilliseconds, 1);
}
