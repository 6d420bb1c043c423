using WawaTrader.Core.Persistence;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>Risk checks are stored as JSON in the decision row: a waiver needs no new column, and old rows still read.</summary>
public sealed class RiskCheckJsonTests
{
    [Fact]
    public void A_check_stored_before_waivers_existed_reads_as_not_waived()
    {
        const string stored = """[{"Rule":"TradesPerDay","Passed":false,"Value":11,"Limit":10,"Reason":"Order would be trade 11 today, above the limit of 10"}]""";

        var check = Assert.Single(PersistenceJson.Deserialize<List<RiskCheck>>(stored, "risk checks"));

        Assert.Equal(new RiskCheck(RiskRules.TradesPerDay, false, 11, 10, "Order would be trade 11 today, above the limit of 10"), check);
        Assert.False(check.Waived);
    }

    [Fact]
    public void A_waived_check_keeps_its_waiver_through_the_stored_json()
    {
        var waived = new RiskCheck(RiskRules.DailyLoss, true, 2.5, 2, "Waived: a sell that closes the SPY position adds no risk; day loss 2.5% (limit 2%)", Waived: true);

        var json = PersistenceJson.Serialize(new List<RiskCheck> { waived });

        Assert.Contains("\"Waived\":true", json);
        Assert.Equal(waived, Assert.Single(PersistenceJson.Deserialize<List<RiskCheck>>(json, "risk checks")));
    }
}
