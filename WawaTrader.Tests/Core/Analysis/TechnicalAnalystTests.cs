using WawaTrader.Core.Analysis;
using WawaTrader.Core.Indicators;
using WawaTrader.Tests.Core.Risk;

namespace WawaTrader.Tests.Core.Analysis;

public sealed class TechnicalAnalystTests
{
    private static readonly Dictionary<string, IndicatorSnapshot> Scenarios = new()
    {
        ["oversold + bullish MACD + uptrend"] = Snapshots.Bullish(),
        ["overbought + bearish MACD + downtrend"] = Snapshots.Bearish(),
        ["mixed signals"] = Snapshots.Mixed(),
        ["all neutral"] = Snapshots.Neutral(),
        ["warming up"] = Snapshots.WarmingUp(),
        ["lone oversold RSI on high volume"] = Snapshots.Neutral() with { Rsi14 = 22, VolumeRatio20 = 3 },
    };

    private static Proposal Analyze(IndicatorSnapshot snapshot, decimal quantity = 0, decimal averagePrice = 0, TechnicalAnalystOptions? options = null) =>
        new TechnicalAnalyst(options ?? new TechnicalAnalystOptions()).Analyze(new AnalysisContext("AAPL", snapshot, quantity, averagePrice));

    [Theory]
    [InlineData("oversold + bullish MACD + uptrend", 0, TradeAction.Buy, 70, 100)]
    [InlineData("oversold + bullish MACD + uptrend", 10, TradeAction.Buy, 70, 100)]
    [InlineData("overbought + bearish MACD + downtrend", 10, TradeAction.Sell, 70, 100)]
    [InlineData("overbought + bearish MACD + downtrend", 0, TradeAction.Hold, 0, 100)]
    [InlineData("mixed signals", 0, TradeAction.Hold, 0, 100)]
    [InlineData("mixed signals", 10, TradeAction.Hold, 0, 100)]
    [InlineData("all neutral", 10, TradeAction.Hold, 0, 100)]
    [InlineData("warming up", 0, TradeAction.Hold, 0, 0)]
    [InlineData("lone oversold RSI on high volume", 0, TradeAction.Hold, 0, 100)]
    public void Proposes_the_action_the_indicators_support(string scenario, int heldShares, TradeAction action, double minConfidence, double maxConfidence)
    {
        var proposal = Analyze(Scenarios[scenario], heldShares, averagePrice: 95m);

        Assert.Equal(action, proposal.Action);
        Assert.InRange(proposal.Confidence, minConfidence, maxConfidence);
        Assert.Equal(DecisionSource.Technical, proposal.Source);
        Assert.Equal("AAPL", proposal.Symbol);
    }

    [Fact]
    public void Strong_aligned_buy_reaches_the_confidence_to_trade()
    {
        var proposal = Analyze(Snapshots.Bullish());

        Assert.Equal(100, proposal.Confidence); // net 6 is past full conviction (4.5)
    }

    [Fact]
    public void Oversold_below_the_lower_band_buys_with_confidence_scaled_between_threshold_and_full_conviction()
    {
        var proposal = Analyze(Snapshots.Neutral() with { Rsi14 = 25, Close = 96.5, BollingerLower = 97, Ema20 = 96.5 });

        Assert.Equal(TradeAction.Buy, proposal.Action);
        Assert.Equal(75, proposal.Confidence); // 50 + 50 × (3.5 − 2.5) / (4.5 − 2.5)
    }

    [Fact]
    public void Two_agreeing_signals_at_the_threshold_buy_with_confidence_fifty()
    {
        var proposal = Analyze(Snapshots.Neutral() with { Rsi14 = 25, Close = 97, BollingerLower = 97, Ema20 = 96.5 });

        Assert.Equal(TradeAction.Buy, proposal.Action);
        Assert.Equal(50, proposal.Confidence); // RSI 2 + EMA 0.5 = 2.5, exactly the threshold
    }

    [Fact]
    public void Volume_confirmation_raises_the_confidence_by_the_bonus()
    {
        var quiet = Analyze(Snapshots.Neutral() with { Rsi14 = 25, Close = 96.5, BollingerLower = 97, Ema20 = 96.5, VolumeRatio20 = 1.0 });
        var loud = Analyze(Snapshots.Neutral() with { Rsi14 = 25, Close = 96.5, BollingerLower = 97, Ema20 = 96.5, VolumeRatio20 = 2.0 });

        Assert.Equal(quiet.Confidence + 10, loud.Confidence, 6);
        Assert.Contains("Volume 2.00x its 20-bar average confirms", loud.Reasoning);
        Assert.Contains("Volume 1.00x its 20-bar average, no confirmation", quiet.Reasoning);
    }

    [Fact]
    public void Reason_names_the_driving_indicators_with_their_values()
    {
        var reason = Analyze(Snapshots.Bullish()).Reasoning;

        Assert.StartsWith("BUY: bullish, net score +6.0 of a possible +/-7 reaches the +2.5 threshold.", reason);
        Assert.Contains("RSI14 25.0 oversold (<= 30)", reason);
        Assert.Contains("MACD above its signal line, bullish (MACD 0.50 vs signal 0.30, histogram +0.20)", reason);
        Assert.Contains("close 95.50 below lower Bollinger 96.00", reason);
        Assert.Contains("trend up (SMA20 102.00 > SMA50 100.00)", reason);
        Assert.Contains("Bearish: close 95.50 below EMA20 100.00.", reason);
        Assert.DoesNotContain("Unavailable", reason);
    }

    [Fact]
    public void Bearish_signal_while_flat_holds_because_there_is_nothing_to_sell()
    {
        var proposal = Analyze(Snapshots.Bearish(), quantity: 0);

        Assert.Equal(TradeAction.Hold, proposal.Action);
        Assert.Contains("nothing to sell", proposal.Reasoning);
        Assert.Contains("RSI14 78.0 overbought (>= 70)", proposal.Reasoning);
    }

    [Fact]
    public void Warming_up_holds_and_names_the_missing_indicators()
    {
        var proposal = Analyze(Snapshots.WarmingUp());

        Assert.Equal(TradeAction.Hold, proposal.Action);
        Assert.Equal(0, proposal.Confidence);
        Assert.StartsWith("Warming up: 2 of 5 indicators available (need 3); HOLD.", proposal.Reasoning);
        Assert.Contains("Unavailable: RSI14, MACD, MACD signal, SMA50.", proposal.Reasoning);
    }

    [Fact]
    public void Missing_indicator_is_skipped_and_named_while_the_rest_still_decide()
    {
        var proposal = Analyze(Snapshots.Bullish() with { Sma50 = double.NaN, Rsi14 = double.NaN });

        Assert.Equal(TradeAction.Buy, proposal.Action);
        Assert.Equal(50, proposal.Confidence); // 6 − 1.5 (trend) − 2 (RSI) = 2.5: missing indicators lower confidence
        Assert.Contains("Unavailable: RSI14, SMA50.", proposal.Reasoning);
        Assert.DoesNotContain("trend", proposal.Reasoning);
    }

    [Fact]
    public void Sells_on_stop_loss_when_the_close_falls_more_than_two_atr_below_the_average_price()
    {
        var proposal = Analyze(Snapshots.Neutral() with { Close = 95.9, Atr14 = 2 }, quantity: 10, averagePrice: 100m);

        Assert.Equal(TradeAction.Sell, proposal.Action);
        Assert.Equal(90, proposal.Confidence);
        Assert.StartsWith("Stop-loss SELL: close 95.90 is below 96.00, the average price 100.00 minus 2xATR14 (2.00)", proposal.Reasoning);
    }

    [Fact]
    public void Holds_when_the_close_is_exactly_at_the_stop_price()
    {
        var proposal = Analyze(Snapshots.Neutral() with { Close = 96, Atr14 = 2 }, quantity: 10, averagePrice: 100m);

        Assert.Equal(TradeAction.Hold, proposal.Action);
    }

    [Fact]
    public void Stop_loss_can_be_disabled()
    {
        var options = new TechnicalAnalystOptions { StopLossAtrMultiple = 0 };

        var proposal = Analyze(Snapshots.Neutral() with { Close = 80 }, quantity: 10, averagePrice: 100m, options: options);

        Assert.Equal(TradeAction.Hold, proposal.Action);
    }

    [Fact]
    public void Same_input_always_gives_the_same_proposal()
    {
        var context = new AnalysisContext("AAPL", Snapshots.Mixed() with { VolumeRatio20 = 1.7 }, 5m, 99m);

        var first = new TechnicalAnalyst(new TechnicalAnalystOptions()).Analyze(context);
        var second = new TechnicalAnalyst(new TechnicalAnalystOptions()).Analyze(context);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Thresholds_come_from_the_options()
    {
        var snapshot = Snapshots.Neutral() with { Rsi14 = 33, Close = 95.5, Ema20 = 95.5 };

        Assert.Equal(TradeAction.Hold, Analyze(snapshot).Action);
        Assert.Equal(TradeAction.Buy, Analyze(snapshot, options: new TechnicalAnalystOptions { RsiOversold = 35 }).Action);
    }

    [Fact]
    public void A_settings_change_applies_to_the_next_analysis()
    {
        var monitor = new TestOptionsMonitor<TechnicalAnalystOptions>(new TechnicalAnalystOptions());
        var analyst = new TechnicalAnalyst(monitor);
        var context = new AnalysisContext("AAPL", Snapshots.Bullish(), 0m, 0m);
        Assert.Equal(TradeAction.Buy, analyst.Analyze(context).Action);

        monitor.Set(new TechnicalAnalystOptions { ActionThreshold = 6.5 });

        Assert.Equal(TradeAction.Hold, analyst.Analyze(context).Action);
    }

    [Fact]
    public async Task AnalyzeAsync_returns_an_already_completed_task()
    {
        var analyst = new TechnicalAnalyst(new TechnicalAnalystOptions());

        var task = analyst.AnalyzeAsync(new AnalysisContext("MSFT", Snapshots.Bullish(), 0m, 0m), CancellationToken.None);

        Assert.True(task.IsCompletedSuccessfully);
        var proposal = await task;
        Assert.Equal(TradeAction.Buy, proposal.Action);
        Assert.Equal("MSFT", proposal.Symbol);
    }

    [Fact]
    public void AnalyzeAsync_honours_a_cancelled_token()
    {
        var analyst = new TechnicalAnalyst(new TechnicalAnalystOptions());

        var task = analyst.AnalyzeAsync(new AnalysisContext("MSFT", Snapshots.Bullish(), 0m, 0m), new CancellationToken(canceled: true));

        Assert.True(task.IsCanceled);
    }
}
