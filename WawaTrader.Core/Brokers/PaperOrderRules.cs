using System.Globalization;

namespace WawaTrader.Core.Brokers;

/// <summary>
/// The paper broker's order rules, as plain functions of the book: what a submission is refused for, and how an open order
/// executes at a bar's open. No short selling; a buy must fit the cash left after the estimated cost of open buys, and is
/// checked again at the fill price so cash never goes negative; a sell may not exceed the shares held less those already
/// offered by open sells.
/// </summary>
internal static class PaperOrderRules
{
    /// <summary>
    /// Executes an open order in full at <paramref name="open"/> (slipped, plus commission) at <paramref name="barTime"/>, or
    /// rejects it when it no longer fits (cash or shares); books the result and returns the order as it now stands.
    /// </summary>
    public static BrokerOrder Execute(PaperBook book, BrokerOrder order, DateTime barTime, decimal open, PaperOptions settings) =>
        ExecuteAt(book, order, barTime, PaperPricing.FillPrice(open, order.Side, settings.SlippageBps), settings);

    /// <summary>
    /// A limit order at a new bar: expired when the bar is of a later New York date than the order's session (any fills kept); else
    /// filled in full at the bar's open, slipped, when that is at or better than the limit (a buy: no higher, a sell: no lower; the
    /// slipped price is capped at the limit); else at the limit when the bar's range reaches it (low for a buy, high for a sell);
    /// else returned unchanged, still open. Execution is then as <see cref="Execute"/> (cash and shares checked at the fill).
    /// </summary>
    public static BrokerOrder ExecuteLimit(PaperBook book, BrokerOrder order, in Market.Bar bar, decimal open, PaperOptions settings)
    {
        var limit = order.LimitPrice!.Value;
        if (order.SessionDate is { } session && Market.MarketClock.NewYorkDate(bar.Time) > session)
        {
            var expired = order with { Status = OrderStatus.Expired, RejectReason = $"day limit order at {Money(limit)} not filled by the end of {session:yyyy-MM-dd}" };
            book.Replace(expired);
            return expired;
        }
        var buy = order.Side == OrderSide.Buy;
        if (buy ? open <= limit : open >= limit)
        {
            var slipped = PaperPricing.FillPrice(open, order.Side, settings.SlippageBps);
            return ExecuteAt(book, order, bar.Time, buy ? Math.Min(slipped, limit) : Math.Max(slipped, limit), settings);
        }
        var reached = buy ? PaperPricing.TryToPrice(bar.Low, out var low) && low <= limit : PaperPricing.TryToPrice(bar.High, out var high) && high >= limit;
        return reached ? ExecuteAt(book, order, bar.Time, limit, settings) : order;
    }

    private static BrokerOrder ExecuteAt(PaperBook book, BrokerOrder order, DateTime barTime, decimal price, PaperOptions settings)
    {
        var commission = PaperPricing.Commission(settings, order.Quantity, price);
        string? rejection = null;
        if (order.Side == OrderSide.Buy && price * order.Quantity + commission > book.Cash)
            rejection = $"insufficient cash at fill: cost {Money(price * order.Quantity + commission)} exceeds cash {Money(book.Cash)}";
        else if (order.Side == OrderSide.Sell && order.Quantity > book.HeldQuantity(order.Symbol))
            rejection = $"insufficient position at fill: selling {Shares(order.Quantity)} but holding {Shares(book.HeldQuantity(order.Symbol))}";

        if (rejection is not null)
        {
            var rejected = order with { Status = OrderStatus.Rejected, RejectReason = rejection };
            book.Replace(rejected);
            return rejected;
        }
        var fill = new Fill(barTime, order.Quantity, price, commission);
        book.ApplyFill(order.Symbol, order.Side, fill);
        var filled = order with { Status = OrderStatus.Filled, Fills = [fill] };
        book.Replace(filled);
        return filled;
    }

    /// <summary>Why <paramref name="request"/> is refused, or null when it is accepted.</summary>
    public static string? SubmissionRejection(PaperBook book, OrderRequest request, PaperOptions settings)
    {
        if (string.IsNullOrWhiteSpace(request.Symbol)) return "a symbol is required";
        if (request.Side is not (OrderSide.Buy or OrderSide.Sell)) return $"unknown order side {(int)request.Side}";
        if (request.Quantity <= 0m) return $"quantity must be positive (was {Shares(request.Quantity)})";
        if (request.Quantity != decimal.Truncate(request.Quantity)) return $"quantity must be whole shares (was {Shares(request.Quantity)})";
        if (book.MarkOf(request.Symbol) is not { } mark) return $"unknown symbol {request.Symbol}: no bar seen for it yet";
        if ((request.Type == OrderType.Limit) != request.LimitPrice.HasValue || request.LimitPrice <= 0m)
            return "a limit order needs a positive limit price, and only a limit order has one";

        if (request.Side == OrderSide.Buy)
        {
            // The estimated cost of the open buys, each at its symbol's last close, summed oldest first.
            var reserved = 0m;
            for (var i = 0; i < book.OpenOrderCount; i++)
            {
                var open = book.OpenOrderAt(i);
                if (open.Side == OrderSide.Buy) reserved += PaperPricing.EstimatedBuyCost(open.LimitPrice ?? book.MarkOf(open.Symbol)?.Close ?? 0m, open.Quantity, settings);
            }
            var cost = PaperPricing.EstimatedBuyCost(request.LimitPrice ?? mark.Close, request.Quantity, settings);
            var available = book.Cash - reserved;
            return cost > available ? $"insufficient cash: estimated cost {Money(cost)} exceeds available cash {Money(available)}" : null;
        }
        var offered = 0m; // shares of the symbol already offered by open sells
        for (var i = 0; i < book.OpenOrderCount; i++)
        {
            var open = book.OpenOrderAt(i);
            if (open.Side == OrderSide.Sell && open.Symbol == request.Symbol) offered += open.Quantity;
        }
        var sellable = book.HeldQuantity(request.Symbol) - offered;
        return request.Quantity > sellable
            ? $"insufficient position: selling {Shares(request.Quantity)} but only {Shares(sellable)} held and not already offered (no short selling)"
            : null;
    }

    private static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Shares(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
