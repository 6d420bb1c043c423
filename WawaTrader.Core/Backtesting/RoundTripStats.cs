using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// Win/loss figures of closed round trips, fills paired FIFO per symbol with fees split in proportion to shares
/// (see <see cref="PerformanceMetrics"/>). Returns are fractions of the entry cost; all figures null without closed trips.
/// </summary>
internal readonly record struct RoundTripStats(double? WinRate, double? ProfitFactor, double? AverageWin, double? AverageLoss)
{
    private struct Lot
    {
        public double Qty;      // signed: + long, − short
        public double Price;
        public double FeePerShare;
    }

    public static RoundTripStats From(IReadOnlyList<BacktestTrade> trades)
    {
        var books = new Dictionary<string, List<Lot>>(StringComparer.Ordinal);
        int closed = 0, wins = 0, losses = 0;
        double grossWin = 0, grossLoss = 0, winReturns = 0, lossReturns = 0;
        foreach (var t in trades)
        {
            var qty = (double)t.Qty;
            if (qty <= 0) continue;
            if (!books.TryGetValue(t.Symbol, out var lots)) books[t.Symbol] = lots = new List<Lot>();
            var sign = t.Side == OrderSide.Buy ? 1.0 : -1.0;
            var price = (double)t.Price;
            var feePerShare = (double)t.Fee / qty;
            var remaining = qty;
            while (remaining > 0 && lots.Count > 0 && Math.Sign(lots[0].Qty) != Math.Sign(sign))
            {
                var lot = lots[0];
                var matched = Math.Min(remaining, Math.Abs(lot.Qty));
                var direction = Math.Sign(lot.Qty);
                var pnl = direction * (price - lot.Price) * matched - (lot.FeePerShare + feePerShare) * matched;
                var ret = pnl / (lot.Price * matched);
                closed++;
                if (pnl > 0) { wins++; grossWin += pnl; winReturns += ret; }
                else if (pnl < 0) { losses++; grossLoss -= pnl; lossReturns += ret; }
                if (matched >= Math.Abs(lot.Qty)) lots.RemoveAt(0);
                else
                {
                    lot.Qty -= direction * matched;
                    lots[0] = lot;
                }
                remaining -= matched;
            }
            if (remaining > 0) lots.Add(new Lot { Qty = sign * remaining, Price = price, FeePerShare = feePerShare });
        }
        if (closed == 0) return default;
        return new RoundTripStats(
            (double)wins / closed,
            losses > 0 ? grossWin / grossLoss : null,
            wins > 0 ? winReturns / wins : null,
            losses > 0 ? lossReturns / losses : null);
    }
}
