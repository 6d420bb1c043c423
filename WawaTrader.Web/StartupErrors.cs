using System.Reflection;
using Microsoft.Extensions.Options;

namespace WawaTrader.Web;

/// <summary>Turns a start-up failure into the one message a user needs: which setting is wrong and why.</summary>
public static class StartupErrors
{
    public static string Describe(OptionsValidationException ex)
    {
        var section = ex.OptionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string ?? ex.OptionsName;
        return $"invalid settings in section '{section}' (keys {section}:*): {string.Join(" ", ex.Failures)}";
    }
}
