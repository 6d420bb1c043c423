using System.Globalization;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>
/// Reconciles our records to Alpaca, which is the truth, and never by placing an order: (1) every open order of our journal is
/// looked up by its client order id and brought up to date (status, fills); one Alpaca never saw is recorded as not sent (at
/// start-up at once, later once it has been New for a minute), never sent late; (2) open orders at Alpaca that our journal does
/// not hold are reported and left alone; (3) each position Alpaca holds is compared with what our recorded fills add up to, and
/// a difference (a position changed on Alpaca's site) is reported once and then taken as the new baseline. Cash and equity are
/// always read from Alpaca, so they need no repair. Every difference is logged, kept in the <see cref="ReconciliationLog"/> (and its
/// store, so it survives a restart) and,
/// for orders, published as <see cref="OrderUpdated"/>. One reconciliation at a time.
/// </summary>
public sealed class AlpacaReconciler(
    AlpacaBroker broker,
    IDecisionJournal journal,
    AgentEventHub hub,
    ReconciliationLog log,
    TimeProvider time,
    ILogger<AlpacaReconciler> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Per symbol: Alpaca's position less what our fills add up to, as last reported (differences already told are not told again).
    private readonly Dictionary<string, decimal> _knownOffsets = new(StringComparer.Ordinal);
    private bool _offsetsLoaded;

    /// <summary>Runs one reconciliation; returns the differences found. Throws when Alpaca cannot be read (nothing half-repaired
    /// is left: each order is updated on its own).</summary>
    public async Task<IReadOnlyList<ReconciliationEvent>> ReconcileAsync(bool atStartUp, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_offsetsLoaded) await LoadKnownOffsetsAsync(cancellationToken);
            var found = new Found(log, logger);
            await ReconcileOrdersAsync(atStartUp, found, cancellationToken);
            await ReportForeignOrdersAsync(found, cancellationToken);
            await ReconcilePositionsAsync(found, cancellationToken);
            log.Completed(time.GetUtcNow().UtcDateTime);
            return found;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The differences of one run; each is logged and kept the moment it is found (and its repair made), so a run cut
    /// short still tells what it repaired.</summary>
    private sealed class Found(ReconciliationLog log, ILogger logger) : List<ReconciliationEvent>
    {
        public async Task AddAsync(ReconciliationEvent e, CancellationToken cancellationToken)
        {
            Add(e);
            Log.Reconciled(logger, e.Description);
            await log.AddAsync(e, cancellationToken);
        }
    }

    private async Task ReconcileOrdersAsync(bool atStartUp, Found found, CancellationToken cancellationToken)
    {
        foreach (var order in await journal.GetOpenOrdersAsync(cancellationToken))
        {
            var atBroker = await broker.GetOrderAsync(order.ClientOrderId, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            if (TradingCycle.Reconciled(order, atBroker, atStartUp, now) is not { } updated) continue;
            await journal.UpdateOrderAsync(updated, cancellationToken);
            hub.Publish(new OrderUpdated(now, updated));
            await found.AddAsync((atBroker is null
                ? new ReconciliationEvent(now, ReconciliationKind.OrderNeverReachedBroker, order.Symbol, order.ClientOrderId,
                    $"Order {order.ClientOrderId} ({order.Side} {order.Quantity} {order.Symbol}) never reached Alpaca; recorded as not sent, not resent.")
                    { BrokerValue = "not found" }
                : new ReconciliationEvent(now, ReconciliationKind.OrderUpdated, order.Symbol, order.ClientOrderId,
                    $"Order {order.ClientOrderId} ({order.Side} {order.Quantity} {order.Symbol}) is {updated.Status} at Alpaca " +
                    $"(was {order.Status} in our records, {updated.Fills.Sum(f => f.Quantity)} filled); our record follows Alpaca.")
                    { BrokerValue = $"{updated.Status}, {updated.Fills.Sum(f => f.Quantity)} filled" })
                with { OurValue = $"{order.Status}, {order.Fills.Sum(f => f.Quantity)} filled" }, cancellationToken);
        }
    }

    private async Task ReportForeignOrdersAsync(Found found, CancellationToken cancellationToken)
    {
        var ours = (await journal.GetOpenOrdersAsync(cancellationToken)).Select(o => o.ClientOrderId).ToHashSet(StringComparer.Ordinal);
        foreach (var order in await broker.GetOpenOrdersAsync(cancellationToken))
        {
            if (ours.Contains(order.ClientOrderId)) continue;
            if (found.Any(e => e.ClientOrderId == order.ClientOrderId) || log.Events.Any(e => e.Kind == ReconciliationKind.ForeignOrder && e.ClientOrderId == order.ClientOrderId))
                continue; // told once
            await found.AddAsync(new ReconciliationEvent(time.GetUtcNow().UtcDateTime, ReconciliationKind.ForeignOrder, order.Symbol, order.ClientOrderId,
                $"Order {order.ClientOrderId} ({order.Side} {order.Quantity} {order.Symbol}, {order.Status}) is open at Alpaca but was not placed by this agent; left alone.")
                { OurValue = "not ours", BrokerValue = order.Status.ToString() }, cancellationToken);
        }
    }

    /// <summary>Position differences told before a restart are not told again: each symbol's latest stored difference (Alpaca's
    /// shares less ours) is taken as known. A store that cannot be read leaves none known (a difference is then told again).</summary>
    private async Task LoadKnownOffsetsAsync(CancellationToken cancellationToken)
    {
        _offsetsLoaded = true;
        IReadOnlyList<ReconciliationEvent> stored;
        try
        {
            stored = await log.Store.GetLatestAsync(ReconciliationLog.Capacity, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.CheckFailed(logger, $"the stored reconciliation events could not be read ({ex.Message})");
            return;
        }
        foreach (var e in stored.Where(e => e.Kind == ReconciliationKind.PositionDiffers && e.Symbol is not null)) // newest first
        {
            if (_knownOffsets.ContainsKey(e.Symbol!)) continue;
            if (decimal.TryParse(e.BrokerValue, NumberStyles.Number, CultureInfo.InvariantCulture, out var atBroker)
                && decimal.TryParse(e.OurValue, NumberStyles.Number, CultureInfo.InvariantCulture, out var ours))
                _knownOffsets[e.Symbol!] = atBroker - ours;
        }
    }

    private async Task ReconcilePositionsAsync(Found found, CancellationToken cancellationToken)
    {
        var filled = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var trade in journal.StreamTradesAsync(null, null, cancellationToken))
            filled[trade.Symbol] = filled.GetValueOrDefault(trade.Symbol) + (trade.Side == OrderSide.Buy ? trade.Quantity : -trade.Quantity);
        var held = (await broker.GetAccountAsync(cancellationToken)).Positions.ToDictionary(p => p.Symbol, p => p.Quantity, StringComparer.Ordinal);

        foreach (var symbol in held.Keys.Union(filled.Keys).Order(StringComparer.Ordinal))
        {
            var atAlpaca = held.GetValueOrDefault(symbol);
            var ours = filled.GetValueOrDefault(symbol);
            var offset = atAlpaca - ours;
            if (offset == _knownOffsets.GetValueOrDefault(symbol)) continue;
            _knownOffsets[symbol] = offset;
            await found.AddAsync(new ReconciliationEvent(time.GetUtcNow().UtcDateTime, ReconciliationKind.PositionDiffers, symbol, null,
                $"{symbol}: Alpaca holds {atAlpaca} shares, our recorded fills add up to {ours}; Alpaca's position is the one used (no order placed).")
                { OurValue = ours.ToString(CultureInfo.InvariantCulture), BrokerValue = atAlpaca.ToString(CultureInfo.InvariantCulture) },
                cancellationToken);
        }
    }
}
