using Microsoft.AspNetCore.DataProtection;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Web.Settings;

/// <summary><see cref="ISecretProtector"/> with ASP.NET Core Data Protection (purpose <c>WawaTrader.Settings.Secrets</c>).</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("WawaTrader.Settings.Secrets");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
