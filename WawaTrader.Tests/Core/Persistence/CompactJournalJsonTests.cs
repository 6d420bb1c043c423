using System.Text.Json;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Risk;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>The compact form of the indicator and risk-check columns: exact round trips, rows of the object form still read.</summary>
public sealed class CompactJournalJsonTests
{
    private static readonly IndicatorSnapshot Odd = Snapshot(MarketOpen) with
    {
        Sma20 = 31.145999999999987, Ema20 = double.PositiveInfinity, Obv = double.NegativeInfinity, Macd = -0.0, VolumeRatio20 = 5e-324,
    };

    [Fact]
    public void An_indicator_snapshot_reads_back_exactly_including_NaN_infinities_and_the_last_bits()
    {
        var json = CompactJournalJson.Serialize(Odd);
        var back = CompactJournalJson.DeserializeIndicators(json);

        Assert.Equal(Odd, back);
        Assert.Equal(BitConverter.DoubleToInt64Bits(Odd.Macd), BitConverter.DoubleToInt64Bits(back.Macd));
        Assert.Equal(DateTimeKind.Utc, back.Time.Kind);
    }

    [Fact]
    public void The_compact_indicators_are_a_json_array_with_the_version_first_and_the_close_at_its_index()
    {
        var json = CompactJournalJson.Serialize(Snapshot(MarketOpen));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(CompactJournalJson.Version, document.RootElement[0].GetInt32());
        Assert.Equal(512.37, document.RootElement[CompactJournalJson.CloseIndex].GetDouble());
        Assert.True(json.Length * 2 < PersistenceJson.Serialize(Snapshot(MarketOpen)).Length + 120,
            $"compact {json.Length} chars vs {PersistenceJson.Serialize(Snapshot(MarketOpen)).Length}");
    }

    [Fact]
    public void Risk_checks_read_back_exactly_with_their_waivers_and_unescaped_text()
    {
        List<RiskCheck> checks = [.. Checks(), new RiskCheck(RiskRules.DailyLoss, false, double.NaN, 2, "Day P&L +0.04% \"quoted\" <b>", false)];

        var json = CompactJournalJson.Serialize(checks);

        Assert.Equal(checks, CompactJournalJson.DeserializeRiskChecks(json, "SPY"));
        Assert.Contains("P&L +0.04%", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Rule\"", json, StringComparison.Ordinal);
        Assert.Empty(CompactJournalJson.DeserializeRiskChecks(CompactJournalJson.Serialize(new List<RiskCheck>()), "SPY"));
    }

    [Fact]
    public void Rows_written_in_the_object_form_before_still_read()
    {
        Assert.Equal(Odd, CompactJournalJson.DeserializeIndicators(PersistenceJson.Serialize(Odd)));
        Assert.Equal(Checks(), CompactJournalJson.DeserializeRiskChecks(PersistenceJson.Serialize(Checks()), "SPY"));
        Assert.Empty(CompactJournalJson.DeserializeRiskChecks("[]", "SPY"));
        const string beforeWaivers = """[{"Rule":"TradesPerDay","Passed":false,"Value":11,"Limit":10,"Reason":"Trade 11 today, above 10"}]""";
        Assert.Equal(new RiskCheck(RiskRules.TradesPerDay, false, 11, 10, "Trade 11 today, above 10"),
            Assert.Single(CompactJournalJson.DeserializeRiskChecks(beforeWaivers, "SPY")));
    }

    [Fact]
    public void An_unknown_format_version_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CompactJournalJson.DeserializeRiskChecks("""[4,["X",1,0,0,""]]""", "SPY"));
        Assert.Contains("format version 4", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => CompactJournalJson.DeserializeIndicators("[2,\"2024-03-15T13:30:00Z\",1]"));
    }
}
