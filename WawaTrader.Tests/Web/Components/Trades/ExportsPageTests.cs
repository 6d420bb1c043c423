using Bunit;
using WawaTrader.Tests.Web.Components.DecisionPages;
using WawaTrader.Web.Api;
using ExportsPage = WawaTrader.Web.Components.Pages.Exports;

namespace WawaTrader.Tests.Web.Components.Trades;

public sealed class ExportsPageTests
{
    [Fact]
    public async Task The_download_link_starts_as_all_trades_in_csv()
    {
        await using var ctx = PageContext.Create();

        var cut = ctx.Render<ExportsPage>();

        Assert.Equal("/api/export/trades?format=csv", cut.Find("[data-testid=export-link]").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid=export-link]").GetAttribute("download"));
    }

    [Theory]
    [InlineData("decisions", "json", "2024-03-01", "2024-03-31", "/api/export/decisions?format=json&from=2024-03-01&to=2024-04-01")]
    [InlineData("llm", "csv", "2024-03-01", null, "/api/export/llm?format=csv&from=2024-03-01")]
    [InlineData("snapshots", "csv", null, "2024-12-31", "/api/export/snapshots?format=csv&to=2025-01-01")]
    public void Links_cover_whole_utc_days_with_the_day_after_the_last_as_the_exclusive_end(
        string kind, string format, string? first, string? last, string expected)
    {
        static DateTime? Day(string? text) => text is null ? null : DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, ExportEndpoints.Link(kind, format, Day(first), Day(last)));
    }
}
