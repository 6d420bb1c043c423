using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Concurrency;
using WawaTrader.Core.Market;

namespace WawaTrader.Core.Brokers;

/// <summary>
/// The built-in paper broker: market and limit orders filled from the market's own bars (a limit order only at its limit or better,
/// on the first bar that reaches it; unfilled at the end of its New York day, it expires — see <see cref="PaperOrderRules.ExecuteLimit"/>). An accepted order waits for the next bar of its
/// symbol (a bar whose time is after the last bar seen when it was submitted) and fills in full at that bar's open, moved
/// against the trader by <see cref="PaperOptions.SlippageBps"/>, plus a commission of max(<see cref="PaperOptions.MinCommission"/>,
/// <see cref="PaperOptions.CommissionPerShare"/> × quantity + notional × <see cref="PaperOptions.CommissionPct"/>/100).
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
    private readonly AsyncGate _gate = new();
    private PaperBook? _book;

    public string Name => "Paper";

    /// <summary>Most orders kept in the ledger; beyond it the oldest finished orders are forgotten (open orders never are).</summary>
    internal int MaxOrdersKept { get; init; } = 10_000;

    /// <summary>Whether the book is saved to the store after each change (true); a backtest, which never reloads its book,
    /// turns it off so it does not copy the whole ledger at every order and fill.</summary>
    internal bool SavesLedger { get; init; } = true;

    public async Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (WithoutClientOrderId(request) is { } refused) return refused;

        await _gate.EnterAsync(cancellationToken);
        try
        {
            var book = await BookAsync(cancellationToken);
            var (order, added) = Submit(book, request);
            if (added) await SaveAsync(book, cancellationToken);
            return order;
        }
        finally
        {
            _gate.Exit();
        }
    }

    public async Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken)
    {
        await _gate.EnterAsync(cancellationToken);
        try
        {
            return (await BookAsync(cancellationToken)).Find(clientOrderId);
        }
        finally
        {
            _gate.Exit();
        }
    }

    public async Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken)
    {
        await _gate.EnterAsync(cancellationToken);
        try
        {
            return (await BookAsync(cancellationToken)).ToAccount();
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Realised P&amp;L per symbol ever traded (flat symbols included), commissions deducted, in account currency.</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> GetRealizedPnlBySymbolAsync(CancellationToken cancellationToken)
    {
        await _gate.EnterAsync(cancellationToken);
        try
        {
            return (await BookAsync(cancellationToken)).RealizedPnlBySymbol();
        }
        finally
        {
            _gate.Exit();
        }
    }

    public async Task<int> CancelOpenOrdersAsync(CancellationToken cancellationToken)
    {
        await _gate.EnterAsync(cancellationToken);
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
            _gate.Exit();
        }
    }

    /// <summary>
    /// Fills the open orders of <paramref name="symbol"/> at this bar's open (when the bar is newer than the last one seen), then
    /// marks the symbol at the bar's close. A bar older than the last one was already seen (history replayed after a restart) and
    /// changes nothing; a repeat of the last bar only updates the mark.
    /// </summary>
    public async Task OnBarAsync(string symbol, Bar bar, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        await _gate.EnterAsync(cancellationToken);
        try
        {
            var book = await BookAsync(cancellationToken);
            if (OnBar(book, symbol, bar, null) > 0) await SaveAsync(book, cancellationToken);
        }
        finally
        {
            _gate.Exit();
        }
    }

    // The synchronous API of a backtest: one thread drives a broker whose book lives in memory (a new account, never saved),
    // so there is nothing to wait for. The same cores as the asynchronous API, without the gate; never mix the two.

    /// <summary>The account now (backtests: one thread, in-memory book).</summary>
    internal BrokerAccount AccountNow() => InMemoryBook().ToAccount();

    /// <summary>The account's equity now, as <see cref="AccountNow"/> would report it (backtests: one thread, in-memory book).</summary>
    internal decimal EquityNow() => InMemoryBook().Equity();

    /// <summary>The account's exposure now, as a snapshot of <see cref="AccountNow"/> would sum it (backtests: one thread, in-memory book).</summary>
    internal decimal ExposureNow() => InMemoryBook().Exposure();

    /// <summary>The last price of the position in <paramref name="symbol"/>, as <see cref="AccountNow"/> would list it (0 when flat).</summary>
    internal decimal HeldLastPriceNow(string symbol) => InMemoryBook().HeldLastPrice(symbol);

    /// <summary>The position in <paramref name="symbol"/> now, as <see cref="AccountNow"/> would list it (0 and 0 when flat).</summary>
    internal (decimal Quantity, decimal AveragePrice) HoldingNow(string symbol) => InMemoryBook().Holding(symbol);

    /// <summary>The cell of the book that holds <paramref name="symbol"/>'s mark, for <see cref="OnBarNow"/> (backtests: the
    /// in-memory book is never replaced, so the cell stays the symbol's for the run).</summary>
    internal MarkCell MarkCellNow(string symbol) => InMemoryBook().CellOf(symbol);

    /// <summary>Fills and marks at <paramref name="bar"/> as <see cref="OnBarAsync"/> does (backtests: one thread, in-memory book),
    /// with the symbol's cell from <see cref="MarkCellNow"/>. <paramref name="close"/>, when given, must be
    /// <see cref="PaperPricing.ToPrice"/> of the bar's close, a price (converted once by the caller for all who need it).
    /// Returns how many of the symbol's open orders executed (filled or refused at the fill): only then can its position change.</summary>
    internal int OnBarNow(MarkCell mark, string symbol, in Bar bar, decimal? close) => OnBar(InMemoryBook(), mark, symbol, bar, close);

    /// <summary>Submits as <see cref="SubmitOrderAsync"/> does (backtests: one thread, in-memory book).</summary>
    internal BrokerOrder SubmitNow(OrderRequest request) => WithoutClientOrderId(request) ?? Submit(InMemoryBook(), request).Order;

    /// <summary>The refusal of a request without a client order id (not booked: it could never be looked up), or null.</summary>
    private BrokerOrder? WithoutClientOrderId(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrWhiteSpace(request.ClientOrderId)) return null;
        const string reason = "a client order id is required";
        Log.OrderRejected(logger, request.ClientOrderId ?? "", request.Symbol ?? "", reason);
        return NewOrder(request, "", OrderStatus.Rejected, reason);
    }

    /// <summary>The order as the broker has it now (backtests: one thread, in-memory book).</summary>
    internal BrokerOrder? FindNow(string clientOrderId) => InMemoryBook().Find(clientOrderId);

    private PaperBook InMemoryBook()
    {
        if (SavesLedger) throw new InvalidOperationException("The synchronous API is for backtests, whose book is not saved.");
        return _book ??= PaperBook.NewAccount(options.CurrentValue.InitialCash);
    }

    /// <summary>Accepts or refuses <paramref name="request"/> into the book; an id already known returns that order (not added).</summary>
    private (BrokerOrder Order, bool Added) Submit(PaperBook book, OrderRequest request)
    {
        if (book.Find(request.ClientOrderId) is { } existing)
        {
            if (existing.Symbol != request.Symbol || existing.Side != request.Side || existing.Quantity != request.Quantity)
                Log.DuplicateOrderDiffers(logger, request.ClientOrderId, request.Side, request.Quantity, request.Symbol ?? "");
            else
                Log.DuplicateOrder(logger, request.ClientOrderId, existing.Status);
            return (existing, false);
        }

        var rejection = PaperOrderRules.SubmissionRejection(book, request, options.CurrentValue);
        var order = NewOrder(request, book.NextBrokerOrderId(), rejection is null ? OrderStatus.Accepted : OrderStatus.Rejected, rejection) with
        {
            Type = request.Type,
            LimitPrice = request.LimitPrice,
            SessionDate = request.Type == OrderType.Limit && book.MarkOf(request.Symbol) is { } seen ? MarketClock.NewYorkDate(seen.BarTime) : null,
        };
        book.Add(order, MaxOrdersKept);
        if (rejection is null) Log.OrderAccepted(logger, order.ClientOrderId, order.Side, order.Quantity, order.Symbol);
        else Log.OrderRejected(logger, order.ClientOrderId, order.Symbol, rejection);
        return (order, true);
    }

    /// <summary>Executes the symbol's open orders at a new bar's open and marks the symbol at its close; returns how many executed.</summary>
    private int OnBar(PaperBook book, string symbol, in Bar bar, decimal? knownClose) => OnBar(book, book.CellOf(symbol), symbol, bar, knownClose);

    /// <summary>As <see cref="OnBar(PaperBook, string, in Bar, decimal?)"/>, with the symbol's mark cell in hand.</summary>
    private int OnBar(PaperBook book, MarkCell mark, string symbol, in Bar bar, decimal? knownClose)
    {
        var close = knownClose ?? (PaperPricing.TryToPrice(bar.Close, out var converted) ? converted : 0m);
        if (!PaperPricing.IsPrice(bar.Open) || close <= 0)
        {
            Log.BarIgnored(logger, symbol, bar.Time, "open or close is not a positive finite price");
            return 0;
        }
        if (mark.HasMark && bar.Time < mark.Mark.BarTime)
        {
            // Already seen: after a restart the agent replays the history up to the last recorded bar to its indicators.
            Log.BarAlreadySeen(logger, symbol, bar.Time, mark.Mark.BarTime);
            return 0;
        }
        var isNewBar = !mark.HasMark || bar.Time > mark.Mark.BarTime;
        var pending = isNewBar && book.OpenOrderCount > 0 ? book.OpenOrders(symbol) : [];
        var open = pending.Count > 0 ? PaperPricing.ToPrice(bar.Open) : 0m;
        var settings = options.CurrentValue;
        for (var i = 0; i < pending.Count; i++)
        {
            var order = pending[i];
            var done = order.Type == OrderType.Limit
                ? PaperOrderRules.ExecuteLimit(book, order, bar, open, settings)
                : PaperOrderRules.Execute(book, order, bar.Time, open, settings);
            if (done.IsOpen || done.Status == OrderStatus.Expired) continue; // a limit not reached yet, or its day is over
            if (done.Status == OrderStatus.Filled)
                Log.OrderFilled(logger, done.ClientOrderId, done.Symbol, done.Side, done.Quantity, done.Fills[0].Price, done.Fills[0].Commission);
            else
                Log.OrderRejected(logger, done.ClientOrderId, done.Symbol, done.RejectReason ?? "");
        }
        mark.Set(new Mark(bar.Time, close)); // the executions above change orders and positions, never the marks
        return pending.Count;
    }

    /// <summary>Saves the ledger as it is now (marks included); call on shutdown or at the end of a backtest.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.EnterAsync(cancellationToken);
        try
        {
            if (_book is not null) await SaveAsync(_book, cancellationToken);
        }
        finally
        {
            _gate.Exit();
        }
    }

    private BrokerOrder NewOrder(OrderRequest request, string brokerOrderId, OrderStatus status, string? reason) =>
        new(request.ClientOrderId ?? "", brokerOrderId, request.Symbol ?? "", request.Side, request.Quantity, status,
            time.GetUtcNow().UtcDateTime, [], reason);

    private ValueTask<PaperBook> BookAsync(CancellationToken cancellationToken) =>
        _book is not null ? ValueTask.FromResult(_book) : new ValueTask<PaperBook>(LoadBookAsync(cancellationToken));

    private async Task<PaperBook> LoadBookAsync(CancellationToken cancellationToken)
    {
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
        if (!SavesLedger) return;
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
}
