namespace WawaTrader.Core.Configuration;

/// <summary>
/// Encrypts secret settings (API keys, passwords, webhook URLs) before they are stored. The web app implements it with
/// ASP.NET Core Data Protection (keys in the data folder beside the database).
/// </summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the text cannot be decrypted
    /// (e.g. the keys were lost).</summary>
    string Unprotect(string protectedText);
}
