using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The benchmark: the initial cash split equally across the symbols; each share is bought at its symbol's first bar's open
/// (whole shares, as many as the share fits after the paper broker's slippage and commission), held to the end and marked at
/// each step's closes (the last close for a symbol without a bar at that step). Unspent cash stays cash.
/// </summary>
internal sealed class BuyAndHoldBenchmark
{
    private readonly HistoricalMarket _market;
    private readonly PaperOptions _costs;
    private readonly decimal _budget;
    private readonly decimal[] _shares;
    private readonly decimal[] _value; // _shares[i] × the symbol's last close, made at each new close
    private readonly bool[] _bought;
    private decimal _cash;

    public BuyAndHoldBenchmark(HistoricalMarket market, decimal initialCash, PaperOptions costs)
    {
        _market = market;
        _costs = costs;
        var n = market.Symbols.Count;
        _budget = initialCash / n;
        _cash = initialCash;
        _shares = new decimal[n];
        _value = new decimal[n];
        _bought = new bool[n];
    }

    public List<BacktestTrade> Trades { get; } = [];

    /// <summary>Buys what starts at this step, marks at this step's closes, and returns the value: cash plus shares at the last closes.</summary>
    public decimal Step()
    {
        for (var i = 0; i < _shares.Length; i++)
        {
            // Bought: only the close matters, converted once per step by the market (false only without a bar at this step,
            // as the closes of a validated series are prices).
            if (_bought[i])
            {
                if (_market.TryGetCurrentClosePrice(i, out var close)) Mark(i, close);
                continue;
            }
            if (!_market.TryGetCurrentBar(i, out var bar)) continue;
            Buy(i, bar);
            Mark(i, _market.TryGetCurrentClosePrice(i, out var first) ? first : PaperPricing.ToPrice(bar.Close));
        }
        // cash + Σ shares × last close, in symbol order; a symbol without a new close keeps its product (the same decimal).
        // (A symbol not bought yet holds a plain 0, scale 0: adding it changes no bit, so it is skipped.)
        var value = _cash;
        for (var i = 0; i < _value.Length; i++)
            if (_bought[i]) value += _value[i];
        return value;
    }

    private void Mark(int i, decimal close) => _value[i] = _shares[i] * close;

    private void Buy(int i, Market.Bar bar)
    {
        _bought[i] = true;
        var (quantity, price, fee) = Entry(_budget, PaperPricing.ToPrice(bar.Open), _costs);
        if (quantity <= 0) return;
        _shares[i] = quantity;
        _cash -= quantity * price + fee;
        Trades.Add(new BacktestTrade(_market.Symbols[i], OrderSide.Buy, quantity, price, fee, bar.Time));
    }

    /// <summary>The benchmark's buy of one symbol: the most whole shares whose slipped price plus commission fit
    /// <paramref name="budget"/> at the first bar's <paramref name="open"/>. Shared with the fast path's <see cref="BuyAndHold"/>.</summary>
    internal static (decimal Quantity, decimal Price, decimal Fee) Entry(decimal budget, decimal open, PaperOptions costs)
    {
        var price = PaperPricing.FillPrice(open, OrderSide.Buy, costs.SlippageBps);
        if (price <= 0) return (0m, price, 0m);
        var quantity = Math.Floor(budget / price);
        var fee = PaperPricing.Commission(costs, quantity, price);
        while (quantity > 0 && quantity * price + fee > budget)
        {
            quantity--;
            fee = PaperPricing.Commission(costs, quantity, price);
        }
        return quantity <= 0 ? (0m, price, 0m) : (quantity, price, fee);
    }
}
