using System.Text.Json;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>Risk checks in the compact JSON version 3: reasons a template renders exactly are stored as its number, others as text.</summary>
public sealed class RiskReasonTemplatesTests
{
    /// <summary>The templates as shipped; a change means stored rows would read differently.</summary>
    private const string TemplatesHash = "876CE89028F7F9BBE87684080709470847E58CB2329C4997ED17B81094BE32F4";

    [Fact]
    public void The_templates_of_version_1_are_frozen() => Assert.Equal(TemplatesHash, RiskReasonTemplates.TableHash());

    public static TheoryData<RiskCheck, bool> Checks() => new()
    {
        { new(RiskRules.PositionSize, true, 0, 10, "Position in AAPL is 0.0% of equity, within the 10% limit"), true },
        { new(RiskRules.PositionSize, true, 4.7352, 10, "Position in AAPL would be 4.74% of equity (counting buys not yet filled), within the 10% limit"), true },
        { new(RiskRules.DailyLoss, true, -0.0298, 2, "Day P&L +0.03% (no loss) is within the 2% limit"), true },
        { new(RiskRules.DailyLoss, true, -0.0, 2, "Day P&L +0.0% (no loss) is within the 2% limit"), true },
        { new(RiskRules.DailyLoss, true, 0.0152, 2.5, "Day loss 0.02% is within the 2.5% limit"), true },
        { new(RiskRules.Exposure, false, 31.0049, 30, "Exposure would be 31.0% of equity, above the 30% limit"), true },
        { new(RiskRules.TradesPerDay, false, 10, 10, "10 of 10 trades used today: the daily limit is reached"), true },
        { new(RiskRules.TradesPerDay, true, 3, 10, "Order would be trade 3 of at most 10 today"), true },
        { new(RiskRules.Confidence, true, 62.5, 60, "Confidence 62.5 meets the minimum 60"), true },
        // Not a template's rendering: kept as text, exactly.
        { new(RiskRules.PositionSize, true, 4.7349, 10, "Position in AAPL is 4.74% of equity, within the 10% limit"), false },
        { new(RiskRules.PositionSize, true, 0, 10, "Position in MSFT is 0.0% of equity, within the 10% limit"), false },
        { new(RiskRules.Confidence, false, double.NaN, 70, "Confidence NaN is below the minimum 70"), false },
        { new(RiskRules.TradesPerDay, true, 11, 10, "Waived: a sell that closes the AAPL position adds no risk; 10 of 10 trades used today", Waived: true), false },
        { new("SomeNewRule", true, 1e300, -1e-300, "\"quoted\" <b> \u0001 text"), false },
    };

    [Theory]
    [MemberData(nameof(Checks))]
    public void A_check_reads_back_exactly_with_its_reason_stored_as_a_template_where_one_renders_it(RiskCheck check, bool templated)
    {
        var json = CompactJournalJson.Serialize([check], "AAPL");

        Assert.Equal([check], CompactJournalJson.DeserializeRiskChecks(json, "AAPL"));
        Assert.Equal(check, Assert.Single(CompactJournalJson.DeserializeRiskChecks(PhraseCodec.Decode(PhraseCodec.Encode(json)), "AAPL")));
        using var document = JsonDocument.Parse(json);
        Assert.Equal(CompactJournalJson.RiskChecksVersion, document.RootElement[0].GetInt32());
        Assert.Equal(templated ? JsonValueKind.Number : JsonValueKind.String, document.RootElement[1][3].ValueKind);
    }

    [Fact]
    public void An_unknown_template_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CompactJournalJson.DeserializeRiskChecks("""[3,["X",1,10,999,0]]""", "AAPL"));
        Assert.Contains("template 999", error.Message, StringComparison.Ordinal);
    }
}
