using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Market;

namespace WawaTrader.Core.Brokers;

/// <summary>
/// The built-in paper broker: market orders filled from the market's own bars. An accepted order waits for the next bar of its
/// symbol (a bar whose time is after the last bar seen when it was submitted) and fills in full at that bar's open, moved
/// against the trader by <see cref="PaperOptions.SlippageBps"/>, plus <see cref="PaperOptions.CommissionPerShare"/> × quantity.
/// Prices are rounded to 4 decimal places and commissions to 2, midpoint away from zero (see <see cref="PaperPricing"/>).
/// No short selling: a sell may not exceed the shares held less those already offered by open sells; a buy must fit the cash
/// left after the estimated cost of open buys, both when submitted and again when filled, so cash never goes negative.
/// The whole book is loaded lazily from the <see cref="IPaperLedgerStore"/> and saved after every submit, fill and cancel
/// (marks are saved with those changes and by <see cref="FlushAsync"/>). Thread-safe: one caller at a time.
/// </summary>
public sealed class PaperBroker(
    IPaperLedgerStore store,
    IOptionsMonitor<PaperOptions> options,
    TimeProvider time,
    ILogger<PaperBroker> logger) : IBroker, IMarketBarSink
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PaperBook? _book;

    public string Name => "Paper";

    /// <summary>Most orders kept in the ledger; beyond it the oldest finished orders are forgotten (open orders never are).</summary>
    internal int MaxOrdersKept { get; init; } = 10_000;

    public async Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ClientOrderId))
        {
            const string reason = "a client order id is required";
            Log.OrderRejected(logger, request.ClientOrderId ?? "", request.Symbol ?? "", reason);
            return NewOrder(request, "", OrderStatus.Rejected, reason);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var book = await BookAsync(cancellationToken);
            if (book.Find(request.ClientOrderId) is { } existing)
            {
                if (existing.Symbol != request.Symbol || existing.Side != request.Side || existing.Quantity != request.Quantity)
                    Log.DuplicateOrderDiffers(logger, request.ClientOrderId, request.Side, request.Quantity, request.Symbol ?? "");
                else
                    Log.DuplicateOrder(logger, request.ClientOrderId, existing.Status);
                return existing;
            }

            var rejection = Validate(book, request, options.CurrentValue);
            var order = NewOrder(request, book.NextBrokerOrderId(), rejection is null ? OrderStatus.Accepted : OrderStatus.Rejected, rejection);
            book.Add(order, MaxOrdersKept);
            await SaveAsync(book, cancellationToken);
            if (rejection is null) Log.OrderAccepted(logger, order.ClientOrderId, order.Side, order.Quantity, order.Symbol);
            else Log.OrderRejected(logger, order.ClientOrderId, order.Symbol, rejection);
            return order;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return (await BookAsync(cancellationToken)).Find(clientOrderId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return (await BookAsync(cancellationToken)).ToAccount();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Realised P&amp;L per symbol ever traded (flat symbols included), commissions deducted, in account currency.</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> GetRealizedPnlBySymbolAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return (await BookAsync(cancellationToken)).RealizedPnlBySymbol();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> CancelOpenOrdersAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var book = await BookAsync(cancellationToken);
            var open = book.OpenOrders();
            if (open.Count == 0) return 0;
            foreach (var order in open) book.Replace(order with { Status = OrderStatus.Canceled });
            await SaveAsync(book, cancellationToken);
            Log.OrdersCanceled(logger, open.Count);
            return open.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Fills the open orders of <paramref name="symbol"/> at this bar's open (when the bar is newer than the last one seen), then
    /// marks the symbol at the bar's close. A bar older than the last one is ignored; a repeat of the last bar only updates the mark.
    /// </summary>
    public async Task OnBarAsync(string symbol, Bar bar, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var book = await BookAsync(cancellationToken);
            if (!PaperPricing.TryToPrice(bar.Open, out var open) || !PaperPricing.TryToPrice(bar.Close, out var close))
            {
                Log.BarIgnored(logger, symbol, bar.Time, "open or close is not a positive finite price");
                return;
            }
            var last = book.MarkOf(symbol);
            if (last is not null && bar.Time < last.BarTime)
            {
                Log.BarIgnored(logger, symbol, bar.Time, "older than the last bar seen");
                return;
            }
            var isNewBar = last is null || bar.Time > last.BarTime;
            var pending = isNewBar ? book.OpenOrders(symbol) : [];
            var settings = options.CurrentValue;
            foreach (var order in pending) Execute(book, order, bar.Time, open, settings);
            book.SetMark(symbol, new PaperMark(bar.Time, close));
            if (pending.Count > 0) await SaveAsync(book, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Saves the ledger as it is now (marks included); call on shutdown or at the end of a backtest.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_book is not null) await SaveAsync(_book, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Execute(PaperBook book, BrokerOrder order, DateTime barTime, decimal open, PaperOptions settings)
    {
        var price = PaperPricing.FillPrice(open, order.Side, settings.SlippageBps);
        var commission = PaperPricing.Commission(settings.CommissionPerShare, order.Quantity);
        string? rejection = null;
        if (order.Side == OrderSide.Buy && price * order.Quantity + commission > book.Cash)
            rejection = $"insufficient cash at fill: cost {Money(price * order.Quantity + commission)} exceeds cash {Money(book.Cash)}";
        else if (order.Side == OrderSide.Sell && order.Quantity > book.HeldQuantity(order.Symbol))
            rejection = $"insufficient position at fill: selling {Shares(order.Quantity)} but holding {Shares(book.HeldQuantity(order.Symbol))}";

        if (rejection is not null)
        {
            book.Replace(order with { Status = OrderStatus.Rejected, RejectReason = rejection });
            Log.OrderRejected(logger, order.ClientOrderId, order.Symbol, rejection);
            return;
        }
        var fill = new Fill(barTime, order.Quantity, price, commission);
        book.ApplyFill(order.Symbol, order.Side, fill);
        book.Replace(order with { Status = OrderStatus.Filled, Fills = [fill] });
        Log.OrderFilled(logger, order.ClientOrderId, order.Symbol, order.Side, order.Quantity, price, commission);
    }

    private static string? Validate(PaperBook book, OrderRequest request, PaperOptions settings)
    {
        if (string.IsNullOrWhiteSpace(request.Symbol)) return "a symbol is required";
        if (request.Side is not (OrderSide.Buy or OrderSide.Sell)) return $"unknown order side {(int)request.Side}";
        if (request.Quantity <= 0m) return $"quantity must be positive (was {Shares(request.Quantity)})";
        if (request.Quantity != decimal.Truncate(request.Quantity)) return $"quantity must be whole shares (was {Shares(request.Quantity)})";
        if (book.MarkOf(request.Symbol) is not { } mark) return $"unknown symbol {request.Symbol}: no bar seen for it yet";

        if (request.Side == OrderSide.Buy)
        {
            var reserved = book.OpenOrders()
                .Where(o => o.Side == OrderSide.Buy)
                .Sum(o => PaperPricing.EstimatedBuyCost(book.MarkOf(o.Symbol)?.Close ?? 0m, o.Quantity, settings));
            var cost = PaperPricing.EstimatedBuyCost(mark.Close, request.Quantity, settings);
            var available = book.Cash - reserved;
            return cost > available ? $"insufficient cash: estimated cost {Money(cost)} exceeds available cash {Money(available)}" : null;
        }
        var offered = book.OpenOrders(request.Symbol).Where(o => o.Side == OrderSide.Sell).Sum(o => o.Quantity);
        var sellable = book.HeldQuantity(request.Symbol) - offered;
        return request.Quantity > sellable
            ? $"insufficient position: selling {Shares(request.Quantity)} but only {Shares(sellable)} held and not already offered (no short selling)"
            : null;
    }

    private BrokerOrder NewOrder(OrderRequest request, string brokerOrderId, OrderStatus status, string? reason) =>
        new(request.ClientOrderId ?? "", brokerOrderId, request.Symbol ?? "", request.Side, request.Quantity, status,
            time.GetUtcNow().UtcDateTime, [], reason);

    private async Task<PaperBook> BookAsync(CancellationToken cancellationToken)
    {
        if (_book is not null) return _book;
        var ledger = await store.LoadAsync(cancellationToken);
        if (ledger is null)
        {
            _book = PaperBook.NewAccount(options.CurrentValue.InitialCash);
            Log.AccountOpened(logger, _book.Cash);
        }
        else
        {
            _book = PaperBook.FromLedger(ledger);
            Log.LedgerLoaded(logger, _book.Cash, _book.OrderCount);
        }
        return _book;
    }

    /// <summary>Saves the book; if that fails the in-memory book is dropped so the next call reloads what was last saved.</summary>
    private async Task SaveAsync(PaperBook book, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(book.ToLedger(), cancellationToken);
        }
        catch (Exception ex)
        {
            _book = null;
            Log.LedgerSaveFailed(logger, ex);
            throw;
        }
    }

    private static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Shares(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
