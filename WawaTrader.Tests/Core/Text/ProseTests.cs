using System.Globalization;
using WawaTrader.Core.Text;

namespace WawaTrader.Tests.Core.Text;

public sealed class ProseTests
{
    [Fact]
    public void Formats_with_the_invariant_culture_whatever_the_thread_culture()
    {
        var before = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo.CurrentCulture = comma;
        try
        {
            var value = 1234.5;

            Assert.Equal("close 1234.50 (limit 10%)", Prose.Format(true, $"close {value:0.00} (limit {10:0.##}%)"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Returns_empty_without_evaluating_the_holes_when_not_explaining()
    {
        var evaluated = 0;
        string Hole() { evaluated++; return "x"; }

        var text = Prose.Format(false, $"a {Hole()} b {Hole()}");

        Assert.Equal("", text);
        Assert.Equal(0, evaluated);
    }

    [Fact]
    public void Evaluates_every_hole_once_when_explaining()
    {
        var evaluated = 0;
        int Hole() => ++evaluated;

        var text = Prose.Format(true, $"{Hole()}-{Hole()}");

        Assert.Equal("1-2", text);
        Assert.Equal(2, evaluated);
    }
}
